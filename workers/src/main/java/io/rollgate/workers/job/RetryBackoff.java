package io.rollgate.workers.job;

import java.time.Duration;
import java.util.Objects;

/**
 * How long a job waits before its next attempt after a transient failure: the wait the outside
 * system asked for, if any; otherwise {@link #initial()} doubled for each attempt already spent,
 * counting from Camunda's default of 3 retries, and never more than {@link #max()}.
 *
 * @param initial the wait after the first failure
 * @param max the longest computed wait
 */
public record RetryBackoff(Duration initial, Duration max) {

  /** The retries a job gets when the model does not say otherwise. */
  static final int DEFAULT_RETRIES = 3;

  public RetryBackoff {
    Objects.requireNonNull(initial, "initial");
    Objects.requireNonNull(max, "max");
    if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
      throw new IllegalArgumentException(
          "retry back-off must be positive and at most its maximum, not " + initial + "/" + max);
    }
  }

  /**
   * @param retriesLeft the job's retries before this failure
   */
  public Duration after(int retriesLeft) {
    int spent = Math.max(0, Math.min(20, DEFAULT_RETRIES - retriesLeft));
    Duration wait = initial.multipliedBy(1L << spent);
    return wait.compareTo(max) > 0 ? max : wait;
  }
}
