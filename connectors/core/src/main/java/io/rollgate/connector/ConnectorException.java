package io.rollgate.connector;

import java.util.Optional;

/**
 * A call to an outside system failed. There are exactly two kinds, decided in one place ({@link
 * HttpFailures}): {@link RetryableException} (timeouts, connection failures, 5xx, 429, an open
 * circuit) and {@link NonRetryableException} (any other 4xx, unreadable answers). Workers turn the
 * first into a job failure with retries and the second into an incident.
 */
public abstract sealed class ConnectorException extends RuntimeException
    permits RetryableException, NonRetryableException {

  private final String system;
  private final int status;
  private final String detail;

  protected ConnectorException(String system, int status, String detail, Throwable cause) {
    super(system + ": " + detail, cause);
    this.system = system;
    this.status = status;
    this.detail = detail;
  }

  /** What went wrong, without the system prefix of {@link #getMessage()}. */
  public String detail() {
    return detail;
  }

  /** The outside system's name as configured for resilience, for example {@code servicenow}. */
  public String system() {
    return system;
  }

  /** The HTTP status the system answered with, or empty when no answer arrived. */
  public Optional<Integer> status() {
    return status > 0 ? Optional.of(status) : Optional.empty();
  }

  /** Whether trying again later can succeed. */
  public abstract boolean retryable();
}
