package io.rollgate.connector.launchdarkly;

import java.util.Objects;

/**
 * Who a flag is evaluated for: a context kind and key, for example kind {@code service} and key
 * {@code checkout}.
 */
public record EvaluationContext(String kind, String key) {

  public EvaluationContext {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(key, "key");
  }

  public static EvaluationContext of(String kind, String key) {
    return new EvaluationContext(kind, key);
  }
}
