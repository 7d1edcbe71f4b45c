package io.rollgate.engine.internal.state;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A scheduled timer of a timer event: a catch event, a boundary event or a start event. Its element
 * is the timer event; its element instance the one that holds it (the catch event, or the
 * boundary's activity). A timer start event belongs to the process definition: its process instance
 * and element instance keys are 0.
 */
public final class Timer extends ElementBound {
  public long key;

  /** Epoch milliseconds, engine time. */
  public long dueDate;

  /** Further firings after the next one; -1 for unbounded. */
  public int repetitions;

  /** The repeat interval (ISO-8601 duration) of a cycle, or null. */
  public String interval;

  /** CREATED while scheduled, TRIGGERED when done, CANCELED when its element left first. */
  public TimerState state = TimerState.CREATED;

  @JsonIgnore
  public boolean isScheduled() {
    return state == TimerState.CREATED;
  }
}
