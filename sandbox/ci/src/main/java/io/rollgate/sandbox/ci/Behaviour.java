package io.rollgate.sandbox.ci;

import java.time.Duration;
import java.util.Objects;

/**
 * How a simulated run (GitHub workflow run, GitLab pipeline, Jenkins build) ends and how long it
 * takes once it left the queue.
 *
 * @param outcome how the run ends
 * @param duration time spent running, after the simulator's queue time
 */
public record Behaviour(Outcome outcome, Duration duration) {

  /** How a simulated run ends, in each system's own words when served. */
  public enum Outcome {
    SUCCESS,
    FAILURE,
    CANCELLED
  }

  public Behaviour {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("duration must not be negative");
    }
  }

  public static Behaviour succeedsAfter(Duration duration) {
    return new Behaviour(Outcome.SUCCESS, duration);
  }

  public static Behaviour failsAfter(Duration duration) {
    return new Behaviour(Outcome.FAILURE, duration);
  }

  public static Behaviour cancelledAfter(Duration duration) {
    return new Behaviour(Outcome.CANCELLED, duration);
  }

  /** Reads the admin endpoint's {@code {"outcome":"failure","durationMillis":300}}. */
  static Behaviour parse(String outcome, long durationMillis) {
    try {
      return new Behaviour(
          Outcome.valueOf(outcome.trim().toUpperCase(java.util.Locale.ROOT)),
          Duration.ofMillis(durationMillis));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "outcome must be success, failure or cancelled and durationMillis >= 0");
    }
  }
}
