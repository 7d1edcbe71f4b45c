package io.rollgate.engine.internal.processor;

import java.time.Clock;

/**
 * The engine's time: a base clock moved by an offset, or pinned to a fixed instant. Every command
 * is stamped with this time when applied and the stamp is journaled, so replay sees the same time;
 * changes to the clock itself are commands too, so they survive a restart.
 *
 * <p>Changed only by the processor thread; read by any thread.
 */
public final class EngineClock {
  private final Clock base;
  private volatile long offsetMillis;
  private volatile Long pinnedMillis;

  public EngineClock(Clock base) {
    this.base = base;
  }

  /** Current engine time in epoch milliseconds. */
  public long millis() {
    Long pinned = pinnedMillis;
    return pinned != null ? pinned : base.millis() + offsetMillis;
  }

  /** Stops the clock at this instant (epoch milliseconds). */
  void pin(long epochMillis) {
    pinnedMillis = epochMillis;
  }

  /** Moves the engine time by this many milliseconds, pinned or not. */
  void add(long millis) {
    Long pinned = pinnedMillis;
    if (pinned != null) {
      pinnedMillis = pinned + millis;
    } else {
      offsetMillis += millis;
    }
  }

  /** Back to the base clock, unpinned and without offset. */
  void reset() {
    pinnedMillis = null;
    offsetMillis = 0;
  }

  /** The pinned instant, or {@code null}; for snapshots. */
  Long pinnedMillis() {
    return pinnedMillis;
  }

  long offsetMillis() {
    return offsetMillis;
  }

  void restore(Long pinned, long offset) {
    pinnedMillis = pinned;
    offsetMillis = offset;
  }
}
