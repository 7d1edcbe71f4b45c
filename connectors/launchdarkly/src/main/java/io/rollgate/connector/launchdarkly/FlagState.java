package io.rollgate.connector.launchdarkly;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A flag's targeting in one environment, as the REST API reports it.
 *
 * @param version the flag's version in this environment; it grows with every change there and is
 *     the version the server-side SDK sees
 * @param flagVersion the flag's global {@code _version}, which grows with a change anywhere
 * @param on whether targeting is on (off serves {@link #offVariation()} to everyone)
 * @param fallthroughVariation index of the variation served by default, or {@code null} when a
 *     rollout is served
 * @param rollout the default percentage rollout, empty when one variation is served
 * @param offVariation index of the variation served while targeting is off, or {@code null}
 */
public record FlagState(
    FlagRef ref,
    int version,
    int flagVersion,
    boolean on,
    List<Variation> variations,
    Integer fallthroughVariation,
    List<WeightedVariation> rollout,
    Integer offVariation) {

  public FlagState {
    variations = List.copyOf(variations);
    rollout = List.copyOf(rollout);
  }

  /**
   * One variation.
   *
   * @param id the {@code _id} that changes refer to
   * @param value the JSON value the flag serves
   */
  public record Variation(int index, String id, JsonNode value, String name) {}

  /** A rollout share: variation index and weight in thousandths of a percent. */
  public record WeightedVariation(int variation, int weight) {}

  /** The default rollout as variation id to weight (thousandths of a percent); empty if none. */
  public Map<String, Integer> rolloutWeightsById() {
    Map<String, Integer> byId = new LinkedHashMap<>();
    for (WeightedVariation w : rollout) {
      if (w.variation() >= 0 && w.variation() < variations.size()) {
        byId.merge(variations.get(w.variation()).id(), w.weight(), Integer::sum);
      }
    }
    return byId;
  }

  /** The id of the variation serving {@code value} (JSON equality), if any. */
  public Optional<String> variationIdOf(JsonNode value) {
    return variations.stream().filter(v -> v.value().equals(value)).map(Variation::id).findFirst();
  }

  /** The id of the boolean variation {@code value}, if the flag has one. */
  public Optional<String> variationIdOf(boolean value) {
    return variations.stream()
        .filter(v -> v.value().isBoolean() && v.value().booleanValue() == value)
        .map(Variation::id)
        .findFirst();
  }

  Optional<Integer> indexOf(String variationId) {
    return variations.stream()
        .filter(v -> v.id().equals(variationId))
        .map(Variation::index)
        .findFirst();
  }
}
