package io.rollgate.app.release;

/** The Idempotency-Key was used before with another request body: 422. */
final class IdempotencyConflictException extends RuntimeException {

  IdempotencyConflictException(String key) {
    super(
        "Idempotency-Key '"
            + key
            + "' was used before with another request body; use a new key for a new release");
  }
}
