package io.rollgate.app.faults;

import io.rollgate.app.support.OutsideWorld;
import io.rollgate.connector.Secret;
import io.rollgate.connector.launchdarkly.FlagRef;
import io.rollgate.connector.launchdarkly.FlagState;
import io.rollgate.connector.launchdarkly.LaunchDarklyClient;
import io.rollgate.connector.launchdarkly.LaunchDarklySettings;
import io.rollgate.sandbox.launchdarkly.EnvironmentSeed;
import io.rollgate.sandbox.launchdarkly.FlagSeed;
import io.rollgate.sandbox.launchdarkly.LaunchDarklySimulator;

/**
 * Rollout flags in the LaunchDarkly simulator as the test sees them: one fresh boolean flag per
 * release (off, version 1), the patches LaunchDarkly accepted for it, and what it serves now.
 */
final class RolloutFlags {

  private final LaunchDarklySimulator launchDarkly;
  private final EnvironmentSeed environment;
  private final LaunchDarklyClient client;

  RolloutFlags(OutsideWorld world) {
    this.launchDarkly = world.sandbox().launchdarkly();
    this.environment = world.sandbox().launchdarklyEnvironments().get(0);
    this.client =
        LaunchDarklyClient.create(
            LaunchDarklySettings.of(launchDarkly.baseUri(), Secret.of(launchDarkly.apiToken())));
  }

  /** A new boolean flag, targeting off; its key. */
  String create(String key) {
    launchDarkly.seedFlag(FlagSeed.bool(environment.projectKey(), key));
    return key;
  }

  /** The flag's version in the rollout environment: 1 plus every change made to it. */
  int version(String key) {
    return launchDarkly.flagVersion(environment.projectKey(), key, environment.key());
  }

  /** Patches of the flag LaunchDarkly accepted (2xx), as its request log shows them. */
  long acceptedPatches(String key) {
    String path = "/api/v2/flags/" + environment.projectKey() + "/" + key;
    return launchDarkly.requests().entries().stream()
        .filter(e -> e.method().equals("PATCH") && e.path().equals(path))
        .filter(e -> e.status() / 100 == 2)
        .count();
  }

  /** The share of contexts served {@code true}, in percent (0 when targeting is off). */
  int servedPercent(String key) {
    FlagState flag = client.getFlag(FlagRef.of(environment.projectKey(), key, environment.key()));
    if (!flag.on()) {
      return 0;
    }
    String trueId = flag.variationIdOf(true).orElseThrow();
    return flag.rolloutWeightsById().getOrDefault(trueId, 0) / 1000;
  }
}
