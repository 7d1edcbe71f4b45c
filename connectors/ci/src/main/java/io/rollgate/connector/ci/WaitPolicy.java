package io.rollgate.connector.ci;

import java.time.Duration;
import java.util.Objects;

/**
 * How long {@link CiProvider#triggerAndWait} waits for a run to finish, and how often it looks.
 *
 * @param timeout the longest wait, from the trigger to the final state (queue time included)
 * @param pollInterval the pause between two looks; shorter than {@code timeout}
 */
public record WaitPolicy(Duration timeout, Duration pollInterval) {

  public WaitPolicy {
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(pollInterval, "pollInterval");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive");
    }
    if (pollInterval.isNegative() || pollInterval.isZero() || pollInterval.compareTo(timeout) > 0) {
      throw new IllegalArgumentException("pollInterval must be positive and at most the timeout");
    }
  }

  public static WaitPolicy of(Duration timeout, Duration pollInterval) {
    return new WaitPolicy(timeout, pollInterval);
  }
}
