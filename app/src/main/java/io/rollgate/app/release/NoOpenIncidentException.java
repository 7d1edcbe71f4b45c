package io.rollgate.app.release;

import io.rollgate.app.problem.ApiProblem;
import org.springframework.http.HttpStatus;

/** The release does not stand at an incident now, so there is no step to retry: 409. */
final class NoOpenIncidentException extends ApiProblem {

  NoOpenIncidentException(String releaseId) {
    super(
        HttpStatus.CONFLICT,
        "No stopped step",
        "release "
            + releaseId
            + " is not stopped at an incident; there is no step to retry (GET /api/v1/releases/"
            + releaseId
            + " shows where it is)");
  }
}
