package io.rollgate.engine.internal.state;

/** The step of an element that failed into an incident and runs again when it is resolved. */
public enum PendingStep {
  ACTIVATE,
  COMPLETE,
  THROW_ERROR,
  /** Creating the job of a user task's next task listener. */
  TASK_LISTENER,
  /** Creating the job of an element's next execution listener. */
  EXECUTION_LISTENER
}
