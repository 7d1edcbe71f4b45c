package io.rollgate.app.release;

import io.rollgate.app.problem.ApiProblem;
import org.springframework.http.HttpStatus;

/** Whoever requested a release never decides its go/no-go: 403. */
final class SeparationOfDutiesException extends ApiProblem {

  SeparationOfDutiesException(String releaseId, String user) {
    super(
        HttpStatus.FORBIDDEN,
        "Separation of duties",
        user
            + " requested release "
            + releaseId
            + " and so cannot decide its go/no-go; another release manager must");
  }
}
