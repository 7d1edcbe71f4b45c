package io.rollgate.app.release;

/** A start request that is well-formed but cannot run: 422, naming the field. */
final class InvalidReleaseException extends RuntimeException {

  private final String field;

  InvalidReleaseException(String field, String problem) {
    super(field + " " + problem);
    this.field = field;
  }

  String field() {
    return field;
  }
}
