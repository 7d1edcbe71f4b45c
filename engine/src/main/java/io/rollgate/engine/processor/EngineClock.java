package io.rollgate.engine.processor;

import java.time.Clock;

/**
 * The engine's time: a base clock plus an offset that tests and operators may move. Every command
 * is stamped with this time when applied, and the stamp is journaled, so replay sees the same time.
 */
public final class EngineClock {
  private final Clock base;
  private volatile long offsetMillis;

  public EngineClock(Clock base) {
    this.base = base;
  }

  /** Current engine time in epoch milliseconds. */
  public long millis() {
    return base.millis() + offsetMillis;
  }

  /** Moves the engine time forward (or back, with a negative value) by this many milliseconds. */
  public void add(long millis) {
    offsetMillis += millis;
  }

  /** Back to the base clock. */
  public void reset() {
    offsetMillis = 0;
  }
}
