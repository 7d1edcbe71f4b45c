package io.rollgate.engine.internal.state;

import io.rollgate.engine.internal.model.TaskListenerEvent;

/**
 * Where a user task is: created and open, in a transition whose blocking task listeners run
 * (CREATING, ASSIGNING, UPDATING, COMPLETING), or ended. Persisted by name; the names are Camunda
 * 8's user task states.
 */
public enum UserTaskState {
  CREATING,
  CREATED,
  ASSIGNING,
  UPDATING,
  COMPLETING,
  COMPLETED,
  CANCELED;

  /** The state a transition whose task listeners run sets. */
  public static UserTaskState during(TaskListenerEvent event) {
    return valueOf(event.name());
  }

  public boolean isEnded() {
    return this == COMPLETED || this == CANCELED;
  }
}
