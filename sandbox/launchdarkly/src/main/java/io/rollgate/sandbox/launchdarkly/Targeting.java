package io.rollgate.sandbox.launchdarkly;

import java.util.List;

/**
 * What one environment's flag serves. Exactly one of {@code fallthroughVariation} and {@code
 * rolloutWeights} is set; rollout weights are per variation index, in thousandths of a percent.
 */
record Targeting(
    boolean on,
    Integer fallthroughVariation,
    List<Integer> rolloutWeights,
    String rolloutBucketBy,
    String rolloutContextKind,
    int offVariation) {

  Targeting {
    rolloutWeights = rolloutWeights == null ? null : List.copyOf(rolloutWeights);
  }

  Targeting withOn(boolean value) {
    return new Targeting(
        value,
        fallthroughVariation,
        rolloutWeights,
        rolloutBucketBy,
        rolloutContextKind,
        offVariation);
  }

  Targeting withFallthroughVariation(int index) {
    return new Targeting(on, index, null, null, null, offVariation);
  }

  Targeting withRollout(List<Integer> weights, String bucketBy, String contextKind) {
    return new Targeting(on, null, weights, bucketBy, contextKind, offVariation);
  }

  Targeting withOffVariation(int index) {
    return new Targeting(
        on, fallthroughVariation, rolloutWeights, rolloutBucketBy, rolloutContextKind, index);
  }
}
