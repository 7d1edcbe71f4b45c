package io.rollgate.app.problem;

import java.io.IOException;

/**
 * A request body went past {@code rollgate.http.max-body-size} while it was read; answered 413. An
 * {@link IOException}, so it travels through whatever reads the body.
 */
public final class BodyTooLargeException extends IOException {

  private final long limit;

  BodyTooLargeException(long limit) {
    super("the request body is larger than " + limit + " bytes");
    this.limit = limit;
  }

  public long limit() {
    return limit;
  }
}
