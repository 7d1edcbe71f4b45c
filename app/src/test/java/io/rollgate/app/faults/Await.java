package io.rollgate.app.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Polls what the test watches in an outside system until it holds. */
final class Await {

  private Await() {}

  /**
   * Returns as soon as {@code condition} holds, checking every 20 ms.
   *
   * @throws AssertionError naming {@code what} when it does not hold within {@code timeout}
   */
  static void until(String what, Duration timeout, BooleanSupplier condition)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("not within " + timeout + ": " + what);
      }
      Thread.sleep(20);
    }
  }
}
