package io.rollgate.app.task;

import io.rollgate.app.problem.ApiProblem;
import org.springframework.http.HttpStatus;

/** No open user task has that key (unknown, or already completed or canceled): 404. */
final class TaskNotFoundException extends ApiProblem {

  TaskNotFoundException(String key) {
    super(HttpStatus.NOT_FOUND, "Task not found", "no open user task has key " + key);
  }
}
