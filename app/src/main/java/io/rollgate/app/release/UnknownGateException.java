package io.rollgate.app.release;

import io.rollgate.app.problem.ApiProblem;
import io.rollgate.processes.Lifecycle;
import org.springframework.http.HttpStatus;

/** A gate name the lifecycle does not have: 404, listing the ones it has. */
final class UnknownGateException extends ApiProblem {

  UnknownGateException(String gate) {
    super(
        HttpStatus.NOT_FOUND,
        "Unknown gate",
        "there is no gate '" + gate + "'; the gates are " + Lifecycle.Gates.ALL);
  }
}
