package io.rollgate.app.release;

/** Whoever requested a release never decides its go/no-go: 403. */
final class SeparationOfDutiesException extends RuntimeException {

  SeparationOfDutiesException(String releaseId, String user) {
    super(
        user
            + " requested release "
            + releaseId
            + " and so cannot decide its go/no-go; another release manager must");
  }
}
