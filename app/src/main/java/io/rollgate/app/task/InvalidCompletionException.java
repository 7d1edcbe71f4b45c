package io.rollgate.app.task;

import io.rollgate.app.problem.ApiProblem;
import io.rollgate.app.problem.FieldProblem;
import java.util.List;
import org.springframework.http.HttpStatus;

/** A completion that does not fit the task's form: 422 naming each field. */
final class InvalidCompletionException extends ApiProblem {

  InvalidCompletionException(List<FieldProblem> problems) {
    super(HttpStatus.UNPROCESSABLE_ENTITY, "Invalid request", problems);
  }
}
