package io.rollgate.app.release;

import io.rollgate.app.problem.ApiProblem;
import io.rollgate.app.problem.FieldProblem;
import java.util.List;
import org.springframework.http.HttpStatus;

/** A request that is well-formed but cannot run: 422, naming each field. */
final class InvalidReleaseException extends ApiProblem {

  InvalidReleaseException(String field, String problem) {
    this(List.of(new FieldProblem(field, problem)));
  }

  InvalidReleaseException(List<FieldProblem> problems) {
    super(HttpStatus.UNPROCESSABLE_ENTITY, "Invalid request", problems);
  }
}
