package io.rollgate.engine.internal.processor;

import io.rollgate.engine.internal.state.ProcessInstance;
import io.rollgate.engine.internal.state.State;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * Which ended root process instances are due for removal: those that ended longer than the
 * retention ago on the engine clock. Processor thread only, except the retention itself.
 */
final class HistoryRetention {

  /** How many instances one history removal takes, so the processor is never held long. */
  static final int BATCH = 500;

  /** Ended root process instances by end date (engine time), then key. */
  private final TreeSet<long[]> endedByDate =
      new TreeSet<>(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));

  /** Milliseconds ended instances are kept; 0 keeps them forever. */
  private volatile long retentionMillis;

  /** {@link Duration#ZERO} or null keeps ended instances forever. */
  void retention(Duration retention) {
    retentionMillis = retention == null ? 0 : retention.toMillis();
  }

  /** Notes an instance that may have ended; running and called instances are not tracked. */
  void track(ProcessInstance instance) {
    if (instance.state != State.ACTIVE
        && instance.parentProcessInstanceKey == null
        && instance.endDate != null) {
      endedByDate.add(new long[] {instance.endDate, instance.key});
    }
  }

  /** Whether ended instances are due for removal at {@code now} (engine time). */
  boolean due(long now) {
    long retention = retentionMillis;
    return retention > 0 && !endedByDate.isEmpty() && endedByDate.first()[0] <= now - retention;
  }

  /** Takes up to {@link #BATCH} keys of instances due for removal at {@code now}. */
  List<Long> takeDue(long now) {
    List<Long> keys = new ArrayList<>();
    if (!due(now)) {
      return keys;
    }
    long cutoff = now - retentionMillis;
    while (!endedByDate.isEmpty() && endedByDate.first()[0] <= cutoff && keys.size() < BATCH) {
      keys.add(endedByDate.pollFirst()[1]);
    }
    return keys;
  }

  /** After a purge nothing is left to remove. */
  void clear() {
    endedByDate.clear();
  }
}
