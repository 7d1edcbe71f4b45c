package io.rollgate.app.release;

import io.rollgate.app.problem.ApiProblem;
import org.springframework.http.HttpStatus;

/** A request with the same Idempotency-Key is still starting its release: 409, retry shortly. */
final class IdempotencyInProgressException extends ApiProblem {

  IdempotencyInProgressException(String key) {
    super(
        HttpStatus.CONFLICT,
        "Request in progress",
        "a request with Idempotency-Key '"
            + key
            + "' is still starting its release; retry in a few seconds");
  }
}
