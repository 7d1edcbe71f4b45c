package io.rollgate.sandbox.launchdarkly;

import com.fasterxml.jackson.databind.node.BooleanNode;
import java.util.List;
import java.util.Objects;

/**
 * A flag to put into the simulator. The targeting fields apply to every environment of the project,
 * as a newly created LaunchDarkly flag starts out the same everywhere.
 *
 * @param on whether targeting is on
 * @param fallthroughVariation index of the variation served when targeting is on
 * @param offVariation index of the variation served when targeting is off
 * @param version the per-environment version the flag starts at (LaunchDarkly's {@code version})
 */
public record FlagSeed(
    String projectKey,
    String key,
    String name,
    List<VariationSeed> variations,
    boolean on,
    int fallthroughVariation,
    int offVariation,
    int version) {

  public FlagSeed {
    Objects.requireNonNull(projectKey, "projectKey");
    Objects.requireNonNull(key, "key");
    name = name == null ? key : name;
    variations = List.copyOf(variations);
    if (variations.size() < 2) {
      throw new IllegalArgumentException("a flag needs at least two variations");
    }
    checkIndex(fallthroughVariation, variations.size(), "fallthroughVariation");
    checkIndex(offVariation, variations.size(), "offVariation");
    if (version < 1) {
      throw new IllegalArgumentException("version starts at 1");
    }
  }

  /**
   * A boolean flag like LaunchDarkly creates it: variations {@code true} ({@code <key>-true}) and
   * {@code false} ({@code <key>-false}), targeting off, serving {@code true} when on and {@code
   * false} when off, version 1.
   */
  public static FlagSeed bool(String projectKey, String key) {
    return new FlagSeed(
        projectKey,
        key,
        key,
        List.of(
            new VariationSeed(key + "-true", BooleanNode.TRUE, "true"),
            new VariationSeed(key + "-false", BooleanNode.FALSE, "false")),
        false,
        0,
        1,
        1);
  }

  public FlagSeed withVariationIds(String trueId, String falseId) {
    return new FlagSeed(
        projectKey,
        key,
        name,
        List.of(
            new VariationSeed(trueId, variations.get(0).value(), variations.get(0).name()),
            new VariationSeed(falseId, variations.get(1).value(), variations.get(1).name())),
        on,
        fallthroughVariation,
        offVariation,
        version);
  }

  public FlagSeed withOn(boolean newOn) {
    return new FlagSeed(
        projectKey, key, name, variations, newOn, fallthroughVariation, offVariation, version);
  }

  public FlagSeed withFallthroughVariation(int index) {
    return new FlagSeed(projectKey, key, name, variations, on, index, offVariation, version);
  }

  public FlagSeed withVersion(int newVersion) {
    return new FlagSeed(
        projectKey, key, name, variations, on, fallthroughVariation, offVariation, newVersion);
  }

  private static void checkIndex(int index, int size, String what) {
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException(what + " must be a variation index below " + size);
    }
  }
}
