package io.rollgate.engine.internal.processor;

import io.rollgate.engine.internal.state.EngineState;
import io.rollgate.engine.internal.state.Timer;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the processor does when time passes rather than when a request arrives: due timers fire,
 * ended instances past their retention leave, held polls get jobs whose back-off or deadline
 * passed, and held requests whose wait is over are answered. Also how long the processor may sleep
 * until the next of these. Processor thread only.
 */
final class TimedWork {
  private static final Logger LOG = LoggerFactory.getLogger(TimedWork.class);

  private final EngineState state;
  private final EngineClock clock;
  private final DurableCommands commands;
  private final CommandOutcomes outcomes;
  private final WaitingRequests waiting;
  private final HistoryRetention history;

  TimedWork(
      EngineState state,
      EngineClock clock,
      DurableCommands commands,
      CommandOutcomes outcomes,
      WaitingRequests waiting,
      HistoryRetention history) {
    this.state = state;
    this.clock = clock;
    this.commands = commands;
    this.outcomes = outcomes;
    this.waiting = waiting;
    this.history = history;
  }

  /**
   * Request deadlines are wall-clock time: a pinned engine clock must not hold a request forever.
   */
  static long wallMillis() {
    return System.currentTimeMillis();
  }

  /** Whether a held job's deadline or a failed job's back-off has passed in engine time. */
  static boolean jobsDue(EngineState state, EngineClock clock) {
    return state.jobQueue.nextDue() <= clock.millis();
  }

  /** Jobs whose back-off or deadline passed, expired polls and expired awaits. */
  void serve() {
    fireDueTimers();
    removeDueHistory();
    if (waiting.holdsPolls() && jobsDue(state, clock)) {
      waiting.serveAllPolls();
    }
    waiting.expire(wallMillis());
  }

  /** How long the processor may wait for a request before timed work is due: 1 ms to 1 s. */
  long millisUntilNextWakeUp() {
    long wallNow = wallMillis();
    long next = waiting.nextWakeUp(wallNow, state.jobQueue.nextDue() - clock.millis());
    long timerDueIn = state.nextTimerDue() - clock.millis();
    if (timerDueIn < 1_000) {
      next = Math.min(next, wallNow + Math.max(0, timerDueIn));
    }
    if (history.due(clock.millis())) {
      next = wallNow;
    }
    if (next == Long.MAX_VALUE) {
      return 1_000;
    }
    return Math.max(1, Math.min(1_000, next - wallNow));
  }

  /** Each due timer becomes a journaled command, as if someone had sent it. */
  private void fireDueTimers() {
    Timer due;
    while ((due = state.dueTimer(clock.millis())) != null) {
      long key = due.key;
      try {
        commands.apply(new Command.TriggerTimer(key));
      } catch (EngineException e) {
        LOG.error("timer {} could not fire: {}", key, e.getMessage());
        break;
      }
      outcomes.deliver(waiting, history);
    }
  }

  /**
   * Removes one batch of instances that ended longer than the retention ago, as a journaled command
   * so that replay removes exactly the same ones.
   */
  private void removeDueHistory() {
    List<Long> keys = history.takeDue(clock.millis());
    if (keys.isEmpty()) {
      return;
    }
    try {
      commands.apply(new Command.RemoveHistory(keys));
    } catch (EngineException e) {
      LOG.error("history removal failed: {}", e.getMessage());
    }
  }
}
