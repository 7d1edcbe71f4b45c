package io.rollgate.app.release;

import io.rollgate.app.problem.ApiProblem;
import org.springframework.http.HttpStatus;

/** The release is not waiting for a go/no-go now: 409. */
final class NoOpenDecisionException extends ApiProblem {

  NoOpenDecisionException(String releaseId, String state) {
    super(
        HttpStatus.CONFLICT,
        "No open decision",
        "release "
            + releaseId
            + " is not waiting for a go/no-go decision (release state "
            + state
            + ")");
  }
}
