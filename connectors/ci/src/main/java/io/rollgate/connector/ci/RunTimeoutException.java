package io.rollgate.connector.ci;

import io.rollgate.connector.NonRetryableException;
import java.util.Optional;

/**
 * A triggered run did not reach a final state within {@link WaitPolicy#timeout()}. Not retryable:
 * triggering again would start a second run. {@link #lastSeen()} tells how far it got (empty when
 * the run never showed up, for example a GitHub dispatch whose run did not appear in time).
 */
public final class RunTimeoutException extends NonRetryableException {

  private final transient CiRun lastSeen;

  public RunTimeoutException(String system, String message, CiRun lastSeen, Throwable cause) {
    super(system, 0, message, cause);
    this.lastSeen = lastSeen;
  }

  public Optional<CiRun> lastSeen() {
    return Optional.ofNullable(lastSeen);
  }
}
