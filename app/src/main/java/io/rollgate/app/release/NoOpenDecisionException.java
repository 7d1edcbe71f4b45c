package io.rollgate.app.release;

/** The release is not waiting for a go/no-go now: 409. */
final class NoOpenDecisionException extends RuntimeException {

  NoOpenDecisionException(String releaseId, String state) {
    super(
        "release "
            + releaseId
            + " is not waiting for a go/no-go decision (release state "
            + state
            + ")");
  }
}
