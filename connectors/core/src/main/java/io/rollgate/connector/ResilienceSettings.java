package io.rollgate.connector;

import java.time.Duration;

/**
 * Timeouts, retry and circuit breaker settings of one outside system. Read from YAML by {@link
 * ResilienceConfig}; durations there are written {@code 500ms}, {@code 2s}, {@code 1m} or ISO-8601.
 *
 * @param connectTimeout TCP connect timeout of each attempt
 * @param readTimeout longest silence while reading an answer
 * @param callTimeout whole-attempt limit, connect to last byte
 * @param maxAttempts attempts in total, the first included
 * @param initialBackoff wait before the second attempt when the system named none
 * @param backoffMultiplier growth of the wait per attempt
 * @param jitter random share (0..1) added or removed from each computed wait
 * @param maxBackoff longest computed wait
 * @param maxRetryAfter longest wait honoured of what the system asks for ({@code Retry-After}); a
 *     longer one is cut to this, and the failure that ends retrying names the wait asked for
 * @param failureRateThreshold percentage of failed calls in the window that opens the circuit
 * @param slidingWindowSize calls in the circuit breaker's window
 * @param minimumNumberOfCalls calls before the failure rate counts
 * @param waitInOpenState how long the open circuit refuses calls before probing
 * @param permittedCallsInHalfOpenState probe calls while half open
 */
public record ResilienceSettings(
    Duration connectTimeout,
    Duration readTimeout,
    Duration callTimeout,
    int maxAttempts,
    Duration initialBackoff,
    double backoffMultiplier,
    double jitter,
    Duration maxBackoff,
    Duration maxRetryAfter,
    int failureRateThreshold,
    int slidingWindowSize,
    int minimumNumberOfCalls,
    Duration waitInOpenState,
    int permittedCallsInHalfOpenState) {

  public ResilienceSettings {
    require(maxAttempts >= 1, "max-attempts must be at least 1");
    require(backoffMultiplier >= 1.0, "backoff-multiplier must be at least 1");
    require(jitter >= 0 && jitter < 1, "jitter must be in [0, 1)");
    require(
        failureRateThreshold > 0 && failureRateThreshold <= 100,
        "failure-rate-threshold must be in (0, 100]");
    require(slidingWindowSize >= 1, "sliding-window-size must be at least 1");
    require(minimumNumberOfCalls >= 1, "minimum-number-of-calls must be at least 1");
    require(permittedCallsInHalfOpenState >= 1, "permitted-calls-in-half-open-state must be >= 1");
    for (Duration d :
        new Duration[] {
          connectTimeout,
          readTimeout,
          callTimeout,
          initialBackoff,
          maxBackoff,
          maxRetryAfter,
          waitInOpenState
        }) {
      require(d != null && !d.isNegative(), "durations must be set and not negative");
    }
  }

  /**
   * The longest one call can take with these settings: every attempt running to its whole-call
   * timeout, and between attempts the longest wait, computed or asked for by the system. A worker
   * must hold its job longer than this, or the job is handed out again while the call still
   * retries.
   */
  public Duration longestCall() {
    Duration backoff = Duration.ofMillis(Math.round(maxBackoff.toMillis() * (1 + jitter)));
    Duration wait = backoff.compareTo(maxRetryAfter) >= 0 ? backoff : maxRetryAfter;
    return callTimeout.multipliedBy(maxAttempts).plus(wait.multipliedBy(maxAttempts - 1L));
  }

  /** These settings with other read and whole-call timeouts. */
  public ResilienceSettings withReadAndCallTimeouts(Duration read, Duration call) {
    return new ResilienceSettings(
        connectTimeout,
        read,
        call,
        maxAttempts,
        initialBackoff,
        backoffMultiplier,
        jitter,
        maxBackoff,
        maxRetryAfter,
        failureRateThreshold,
        slidingWindowSize,
        minimumNumberOfCalls,
        waitInOpenState,
        permittedCallsInHalfOpenState);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException("resilience settings: " + message);
    }
  }
}
