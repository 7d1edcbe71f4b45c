package io.rollgate.engine.internal.state;

import io.rollgate.engine.internal.model.ExecutionListenerEvent;
import io.rollgate.engine.internal.model.TaskListenerEvent;

/**
 * The event a listener job runs for, as the REST API names it ({@code listenerEventType}).
 * Persisted by name.
 */
public enum ListenerEventType {
  START,
  END,
  CREATING,
  ASSIGNING,
  UPDATING,
  COMPLETING;

  public static ListenerEventType of(ExecutionListenerEvent event) {
    return valueOf(event.name());
  }

  public static ListenerEventType of(TaskListenerEvent event) {
    return valueOf(event.name());
  }

  /** For a task listener's job: the transition it runs for. */
  public TaskListenerEvent taskListenerEvent() {
    return TaskListenerEvent.valueOf(name());
  }
}
