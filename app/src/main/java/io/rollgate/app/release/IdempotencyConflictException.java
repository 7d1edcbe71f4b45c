package io.rollgate.app.release;

import io.rollgate.app.problem.ApiProblem;
import io.rollgate.app.problem.FieldProblem;
import java.util.List;
import org.springframework.http.HttpStatus;

/** The Idempotency-Key was used before with another request body: 422. */
final class IdempotencyConflictException extends ApiProblem {

  IdempotencyConflictException(String key) {
    super(
        HttpStatus.UNPROCESSABLE_ENTITY,
        "Idempotency key reused",
        detail(key),
        List.of(new FieldProblem("Idempotency-Key", detail(key))));
  }

  private static String detail(String key) {
    return "Idempotency-Key '"
        + key
        + "' was used before with another request body; use a new key for a new release";
  }
}
