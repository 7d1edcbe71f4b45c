package io.rollgate.engine.internal.state;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** A scheduled timer of a timer event: a catch event, a boundary event or a start event. */
public final class Timer {
  public long key;

  /** 0 for a timer start event, which belongs to the process definition. */
  public long processInstanceKey;

  public long processDefinitionKey;
  public String processId;
  public String tenantId;

  /**
   * The element instance that holds it (the catch event, or the boundary's activity); 0 for start.
   */
  public long elementInstanceKey;

  /** The timer event element. */
  public String elementId;

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
