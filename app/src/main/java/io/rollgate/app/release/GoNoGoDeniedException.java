package io.rollgate.app.release;

import io.rollgate.app.problem.ApiProblem;
import org.springframework.http.HttpStatus;

/**
 * The go/no-go task's completing check refused the decision (the gate in the model, which holds in
 * Camunda Tasklist too): 422 with the check's reason; the task stays open.
 */
final class GoNoGoDeniedException extends ApiProblem {

  GoNoGoDeniedException(String releaseId, String reason) {
    super(
        HttpStatus.UNPROCESSABLE_ENTITY,
        "Go/no-go refused",
        "the go/no-go of release " + releaseId + " was refused: " + reason);
  }
}
