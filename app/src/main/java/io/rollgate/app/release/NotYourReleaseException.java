package io.rollgate.app.release;

/** A pipeline acting on a release another caller started: 403. */
final class NotYourReleaseException extends RuntimeException {

  NotYourReleaseException(String releaseId) {
    super(
        "release "
            + releaseId
            + " was started by another caller; only it or a release manager may do this");
  }
}
