package io.rollgate.app.release;

import io.rollgate.app.problem.ApiProblem;
import org.springframework.http.HttpStatus;

/** A pipeline acting on a release another caller started: 403. */
final class NotYourReleaseException extends ApiProblem {

  NotYourReleaseException(String releaseId) {
    super(
        HttpStatus.FORBIDDEN,
        "Not your release",
        "release "
            + releaseId
            + " was started by another caller; only it or a release manager may do this");
  }
}
