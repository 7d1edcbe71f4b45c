package io.rollgate.app.release;

/**
 * The go/no-go task's completing check refused the decision (the gate in the model, which holds in
 * Camunda Tasklist too): 422 with the check's reason; the task stays open.
 */
final class GoNoGoDeniedException extends RuntimeException {

  GoNoGoDeniedException(String releaseId, String reason) {
    super("the go/no-go of release " + releaseId + " was refused: " + reason);
  }
}
