package io.rollgate.connector.launchdarkly;

import com.launchdarkly.sdk.server.interfaces.FlagChangeListener;
import com.launchdarkly.sdk.server.interfaces.FlagTracker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Confirms that a flag change reached the SDK: waits until the SDK holds at least the version the
 * REST API reported after the change ({@link FlagState#version()}). Woken by the SDK's flag change
 * events, with a periodic re-check.
 */
public final class PropagationCheck {

  private static final Logger LOG = LoggerFactory.getLogger(PropagationCheck.class);
  private static final Duration RECHECK = Duration.ofMillis(200);

  private final FlagEvaluator evaluator;
  private final Clock clock;

  public PropagationCheck(FlagEvaluator evaluator, Clock clock) {
    this.evaluator = Objects.requireNonNull(evaluator);
    this.clock = Objects.requireNonNull(clock);
  }

  /**
   * The outcome of a confirmed propagation.
   *
   * @param version the version the SDK holds (at least the one waited for)
   * @param waited how long it took
   */
  public record Propagated(String flagKey, int version, Duration waited) {}

  /**
   * Waits until the SDK holds version {@code minVersion} or later of the flag.
   *
   * @param timeout the longest wait
   * @throws PropagationTimeoutException when the version did not arrive within {@code timeout}
   * @throws InterruptedException when the waiting thread is interrupted
   */
  public Propagated awaitVersion(String flagKey, int minVersion, Duration timeout)
      throws InterruptedException {
    Instant start = clock.instant();
    Instant deadline = start.plus(timeout);
    Semaphore changed = new Semaphore(0);
    FlagChangeListener listener =
        event -> {
          if (flagKey.equals(event.getKey())) {
            changed.release();
          }
        };
    FlagTracker tracker = evaluator.flagTracker();
    tracker.addFlagChangeListener(listener);
    try {
      while (true) {
        OptionalInt seen = evaluator.flagVersion(flagKey);
        Instant now = clock.instant();
        if (seen.isPresent() && seen.getAsInt() >= minVersion) {
          Duration waited = Duration.between(start, now);
          LOG.info(
              "launchdarkly outcome=propagated flag={} version={} waited_ms={}",
              flagKey,
              seen.getAsInt(),
              waited.toMillis());
          return new Propagated(flagKey, seen.getAsInt(), waited);
        }
        Duration left = Duration.between(now, deadline);
        if (left.isNegative() || left.isZero()) {
          LOG.warn(
              "launchdarkly outcome=propagation-timeout flag={} expected_version={} seen={}"
                  + " timeout_ms={}",
              flagKey,
              minVersion,
              seen.isPresent() ? seen.getAsInt() : "none",
              timeout.toMillis());
          throw new PropagationTimeoutException(flagKey, minVersion, seen, timeout);
        }
        long waitMillis = Math.max(1, Math.min(left.toMillis(), RECHECK.toMillis()));
        changed.tryAcquire(waitMillis, TimeUnit.MILLISECONDS);
      }
    } finally {
      tracker.removeFlagChangeListener(listener);
    }
  }
}
