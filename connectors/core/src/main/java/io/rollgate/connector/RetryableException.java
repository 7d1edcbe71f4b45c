package io.rollgate.connector;

import java.time.Duration;
import java.util.Optional;

/**
 * A failure that may pass if the call is made again later: a timeout, a reset connection, a 5xx, a
 * 429, or an open circuit. {@link #retryAfter()} carries the wait the system asked for, if any.
 */
public final class RetryableException extends ConnectorException {

  private final Duration retryAfter;

  public RetryableException(
      String system, int status, String message, Duration retryAfter, Throwable cause) {
    super(system, status, message, cause);
    this.retryAfter = retryAfter;
  }

  /**
   * The wait before calling again: what the system asked for ({@code Retry-After} or a rate-limit
   * reset header); once {@link Resilience} gave up, at most its {@code max-retry-after}.
   */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  @Override
  public boolean retryable() {
    return true;
  }
}
