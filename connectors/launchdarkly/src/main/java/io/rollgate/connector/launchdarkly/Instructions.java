package io.rollgate.connector.launchdarkly;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Turns a {@link FlagChange} into its semantic patch instructions, and checks whether it holds. */
final class Instructions {

  private Instructions() {}

  /** The semantic patch instructions of a change: one, or one per change made together. */
  static List<Map<String, Object>> of(FlagChange change) {
    if (change instanceof FlagChange.Together together) {
      return together.changes().stream().map(Instructions::single).toList();
    }
    return List.of(single(change));
  }

  private static Map<String, Object> single(FlagChange change) {
    Map<String, Object> instruction = new LinkedHashMap<>();
    instruction.put("kind", change.kind());
    if (change instanceof FlagChange.ServeVariation serve) {
      instruction.put("variationId", serve.variationId());
    } else if (change instanceof FlagChange.OffVariation off) {
      instruction.put("variationId", off.variationId());
    } else if (change instanceof FlagChange.Rollout rollout) {
      instruction.put("rolloutWeights", new LinkedHashMap<>(rollout.weights()));
      if (rollout.bucketBy() != null) {
        instruction.put("rolloutBucketBy", rollout.bucketBy());
      }
      if (rollout.contextKind() != null) {
        instruction.put("rolloutContextKind", rollout.contextKind());
      }
    }
    return instruction;
  }

  /** Whether the flag already is as the change would leave it (so sending it is not needed). */
  static boolean satisfiedBy(FlagChange change, FlagState state) {
    if (change instanceof FlagChange.Together together) {
      return together.changes().stream().allMatch(c -> satisfiedBy(c, state));
    }
    if (change instanceof FlagChange.TurnOn) {
      return state.on();
    }
    if (change instanceof FlagChange.TurnOff) {
      return !state.on();
    }
    if (change instanceof FlagChange.ServeVariation serve) {
      return state.rollout().isEmpty()
          && state
              .indexOf(serve.variationId())
              .equals(Optional.ofNullable(state.fallthroughVariation()));
    }
    if (change instanceof FlagChange.OffVariation off) {
      return state
          .indexOf(off.variationId())
          .map(i -> Objects.equals(i, state.offVariation()))
          .orElse(false);
    }
    FlagChange.Rollout rollout = (FlagChange.Rollout) change;
    Map<String, Integer> wanted = new LinkedHashMap<>();
    rollout
        .weights()
        .forEach(
            (id, w) -> {
              if (w > 0) wanted.put(id, w);
            });
    Map<String, Integer> actual = new LinkedHashMap<>();
    state
        .rolloutWeightsById()
        .forEach(
            (id, w) -> {
              if (w > 0) actual.put(id, w);
            });
    return !state.rollout().isEmpty() && wanted.equals(actual);
  }
}
