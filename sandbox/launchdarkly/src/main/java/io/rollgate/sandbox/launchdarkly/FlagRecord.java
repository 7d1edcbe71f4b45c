package io.rollgate.sandbox.launchdarkly;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/** A flag and its per-environment configurations. Guarded by the simulator state's lock. */
final class FlagRecord {

  final String projectKey;
  final String key;
  final String name;
  final List<VariationSeed> variations;
  final long creationDate;
  int flagVersion = 1;
  final Map<String, EnvConfig> environments = new LinkedHashMap<>();

  FlagRecord(FlagSeed seed, long now) {
    this.projectKey = seed.projectKey();
    this.key = seed.key();
    this.name = seed.name();
    this.variations = seed.variations();
    this.creationDate = now;
  }

  OptionalInt indexOf(String variationId) {
    for (int i = 0; i < variations.size(); i++) {
      if (variations.get(i).id().equals(variationId)) {
        return OptionalInt.of(i);
      }
    }
    return OptionalInt.empty();
  }

  boolean isBoolean() {
    return variations.size() == 2
        && variations.stream().allMatch(v -> v.value().isBoolean())
        && variations.get(0).value().asBoolean() != variations.get(1).value().asBoolean();
  }
}
