package io.rollgate.app.release;

/** An action on a release that already ended: 409. */
final class ReleaseEndedException extends RuntimeException {

  ReleaseEndedException(String releaseId, String state) {
    super("release " + releaseId + " already ended " + state);
  }
}
