package io.rollgate.app.release;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** This instance's waiters, by release: the part of {@link GateSignals} every kind shares. */
final class LocalWaiters {

  private static final Logger LOG = LoggerFactory.getLogger(LocalWaiters.class);

  private final Map<String, Set<Runnable>> waiters = new ConcurrentHashMap<>();

  Runnable add(String releaseId, Runnable listener) {
    waiters.computeIfAbsent(releaseId, id -> ConcurrentHashMap.newKeySet()).add(listener);
    return () ->
        waiters.computeIfPresent(
            releaseId,
            (id, set) -> {
              set.remove(listener);
              return set.isEmpty() ? null : set;
            });
  }

  /** Wakes and forgets the release's waiters. */
  void wake(String releaseId) {
    Set<Runnable> woken = waiters.remove(releaseId);
    if (woken != null) {
      woken.forEach(LocalWaiters::run);
    }
  }

  /** Wakes everyone: after a gap in which signals may have been missed. */
  void wakeAll() {
    List.copyOf(waiters.keySet()).forEach(this::wake);
  }

  int waiting() {
    return waiters.values().stream().mapToInt(Set::size).sum();
  }

  private static void run(Runnable listener) {
    try {
      listener.run();
    } catch (RuntimeException e) {
      LOG.warn("a gate waiter failed", e);
    }
  }
}
