package io.rollgate.connector;

import java.time.Duration;

/** Resilience settings for tests: short timeouts and back-offs so retries finish quickly. */
public final class TestResilience {

  private TestResilience() {}

  /**
   * {@code maxAttempts} attempts, 20 ms back-off, 2 s timeouts, at most 5 s of {@code Retry-After}
   * honoured, a circuit of 4 calls.
   */
  public static ResilienceSettings fast(int maxAttempts) {
    return fast(maxAttempts, Duration.ofSeconds(5));
  }

  /** As {@link #fast(int)}, honouring at most {@code maxRetryAfter} of a {@code Retry-After}. */
  public static ResilienceSettings fast(int maxAttempts, Duration maxRetryAfter) {
    return new ResilienceSettings(
        Duration.ofSeconds(2),
        Duration.ofSeconds(2),
        Duration.ofSeconds(4),
        maxAttempts,
        Duration.ofMillis(20),
        2.0,
        0.2,
        Duration.ofMillis(200),
        maxRetryAfter,
        50,
        4,
        4,
        Duration.ofMillis(300),
        1);
  }

  public static Resilience fast(String system, int maxAttempts) {
    return Resilience.of(system, fast(maxAttempts));
  }
}
