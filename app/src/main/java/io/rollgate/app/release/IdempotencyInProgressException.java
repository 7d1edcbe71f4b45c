package io.rollgate.app.release;

/** A request with the same Idempotency-Key is still starting its release: 409, retry shortly. */
final class IdempotencyInProgressException extends RuntimeException {

  IdempotencyInProgressException(String key) {
    super(
        "a request with Idempotency-Key '"
            + key
            + "' is still starting its release; retry in a few seconds");
  }
}
