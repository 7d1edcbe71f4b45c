package io.rollgate.app.release;

import io.rollgate.app.problem.ApiProblem;
import org.springframework.http.HttpStatus;

/** An action on a release that already ended: 409. */
final class ReleaseEndedException extends ApiProblem {

  ReleaseEndedException(String releaseId, String state) {
    super(HttpStatus.CONFLICT, "Release ended", "release " + releaseId + " already ended " + state);
  }
}
