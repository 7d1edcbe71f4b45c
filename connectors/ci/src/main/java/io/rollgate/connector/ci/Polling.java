package io.rollgate.connector.ci;

import io.rollgate.connector.RetryableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks at something until it answers or the deadline passes. A look that fails in a retryable way
 * (after the connector's own retries) does not end the wait: the run is still going and triggering
 * again would start another, so only the deadline ends it.
 */
final class Polling {

  private static final Logger LOG = LoggerFactory.getLogger(Polling.class);

  private final Clock clock;
  private final Instant deadline;
  private final Duration interval;

  Polling(Clock clock, WaitPolicy wait) {
    this.clock = clock;
    this.deadline = clock.instant().plus(wait.timeout());
    this.interval = wait.pollInterval();
  }

  /**
   * Calls {@code probe} until it returns a value.
   *
   * @param onTimeout builds the exception for the deadline, given the last retryable failure (or
   *     {@code null})
   */
  <T> T until(Supplier<Optional<T>> probe, Function<Throwable, RunTimeoutException> onTimeout) {
    RetryableException lastFailure = null;
    while (true) {
      try {
        Optional<T> answer = probe.get();
        if (answer.isPresent()) {
          return answer.get();
        }
      } catch (RetryableException e) {
        lastFailure = e;
        LOG.warn("ci poll failed, still waiting cause=\"{}\"", e.getMessage());
      }
      Instant now = clock.instant();
      if (!now.isBefore(deadline)) {
        throw onTimeout.apply(lastFailure);
      }
      sleep(min(interval, Duration.between(now, deadline)), onTimeout);
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static void sleep(Duration d, Function<Throwable, RunTimeoutException> onTimeout) {
    try {
      Thread.sleep(Math.max(1, d.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw onTimeout.apply(e);
    }
  }
}
