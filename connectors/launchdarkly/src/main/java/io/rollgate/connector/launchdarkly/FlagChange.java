package io.rollgate.connector.launchdarkly;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A change to one environment's flag targeting, sent as one semantic patch instruction ({@link
 * Together}: several, in one patch or one approval request). Variation ids are the {@code _id}s of
 * the flag's variations (see {@link FlagState#variations()}).
 */
public sealed interface FlagChange
    permits FlagChange.TurnOn,
        FlagChange.TurnOff,
        FlagChange.ServeVariation,
        FlagChange.Rollout,
        FlagChange.OffVariation,
        FlagChange.Together {

  /** The total of rollout weights: 100% in thousandths of a percent. */
  int FULL_WEIGHT = 100_000;

  /** The instruction kind, for example {@code turnFlagOn}. */
  String kind();

  static FlagChange turnOn() {
    return new TurnOn();
  }

  static FlagChange turnOff() {
    return new TurnOff();
  }

  /**
   * {@code changes} made at once: the change itself when there is one, else {@link Together}.
   *
   * @throws IllegalArgumentException when there is none
   */
  static FlagChange together(List<FlagChange> changes) {
    return changes.size() == 1 ? changes.get(0) : new Together(changes);
  }

  /**
   * Several changes made at once, in order: one semantic patch with an instruction each, or, where
   * the environment requires approval, one approval request for them all.
   *
   * @throws IllegalArgumentException when there is no change, or one is itself {@code Together}
   */
  record Together(List<FlagChange> changes) implements FlagChange {
    public Together {
      Objects.requireNonNull(changes, "changes");
      if (changes.isEmpty()) {
        throw new IllegalArgumentException("changes made together need at least one change");
      }
      if (changes.stream().anyMatch(c -> c instanceof Together)) {
        throw new IllegalArgumentException("changes made together are single changes");
      }
      changes = List.copyOf(changes);
    }

    @Override
    public String kind() {
      return changes.stream().map(FlagChange::kind).collect(Collectors.joining(" + "));
    }
  }

  /** {@code turnFlagOn}: targeting on, serving the fallthrough to contexts no rule matches. */
  record TurnOn() implements FlagChange {
    @Override
    public String kind() {
      return "turnFlagOn";
    }
  }

  /** {@code turnFlagOff}: targeting off, serving the off variation to everyone. */
  record TurnOff() implements FlagChange {
    @Override
    public String kind() {
      return "turnFlagOff";
    }
  }

  /** {@code updateFallthroughVariationOrRollout} with one variation for everyone. */
  record ServeVariation(String variationId) implements FlagChange {
    public ServeVariation {
      requireId(variationId);
    }

    @Override
    public String kind() {
      return "updateFallthroughVariationOrRollout";
    }
  }

  /** {@code updateOffVariation}: the variation served while targeting is off. */
  record OffVariation(String variationId) implements FlagChange {
    public OffVariation {
      requireId(variationId);
    }

    @Override
    public String kind() {
      return "updateOffVariation";
    }
  }

  /**
   * {@code updateFallthroughVariationOrRollout} with a percentage rollout.
   *
   * @param weights variation id to weight in thousandths of a percent (0..100000), summing to
   *     100000; for example 10% is {@code 10000}
   * @param bucketBy the context attribute to bucket by, or {@code null} for {@code key}
   * @param contextKind the context kind to bucket, or {@code null} for {@code user}
   * @throws IllegalArgumentException when a weight is out of range or they do not sum to 100000
   */
  record Rollout(Map<String, Integer> weights, String bucketBy, String contextKind)
      implements FlagChange {
    public Rollout {
      Objects.requireNonNull(weights, "weights");
      if (weights.isEmpty()) {
        throw new IllegalArgumentException("a rollout needs at least one variation");
      }
      long sum = 0;
      for (Map.Entry<String, Integer> e : weights.entrySet()) {
        requireId(e.getKey());
        Integer weight = e.getValue();
        if (weight == null || weight < 0 || weight > FULL_WEIGHT) {
          throw new IllegalArgumentException(
              "rollout weight of variation "
                  + e.getKey()
                  + " is "
                  + weight
                  + "; weights are thousandths of a percent, 0..100000");
        }
        sum += weight;
      }
      if (sum != FULL_WEIGHT) {
        throw new IllegalArgumentException(
            "rollout weights sum to " + sum + "; they must sum to 100000 (100%)");
      }
      weights = Map.copyOf(new LinkedHashMap<>(weights));
    }

    /** Weights by variation id, bucketed by {@code key} of {@code user} contexts. */
    public static Rollout of(Map<String, Integer> weights) {
      return new Rollout(weights, null, null);
    }

    /**
     * Two variations: {@code rolledOutWeight} thousandths of a percent get {@code rolledOutId}, the
     * rest get {@code otherId}.
     */
    public static Rollout twoWay(String rolledOutId, String otherId, int rolledOutWeight) {
      if (rolledOutWeight < 0 || rolledOutWeight > FULL_WEIGHT) {
        throw new IllegalArgumentException(
            "rollout weight is " + rolledOutWeight + "; it must be 0..100000");
      }
      Map<String, Integer> weights = new LinkedHashMap<>();
      weights.put(rolledOutId, rolledOutWeight);
      weights.merge(otherId, FULL_WEIGHT - rolledOutWeight, Integer::sum);
      return of(weights);
    }

    @Override
    public String kind() {
      return "updateFallthroughVariationOrRollout";
    }
  }

  private static void requireId(String id) {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("a variation id (_id of the flag's variation) is needed");
    }
  }
}
