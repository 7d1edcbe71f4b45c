package io.rollgate.engine.internal.state;

import java.util.Locale;

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

  /** The state a transition with these task listeners' event type ({@code assigning}, ...) sets. */
  public static UserTaskState during(String listenerEventType) {
    return valueOf(listenerEventType.toUpperCase(Locale.ROOT));
  }

  public boolean isEnded() {
    return this == COMPLETED || this == CANCELED;
  }
}
