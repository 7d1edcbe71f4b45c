package io.rollgate.app.release;

import io.rollgate.app.problem.ApiProblem;
import org.springframework.http.HttpStatus;

/** The engine did not take a command: 503, the caller may try again. */
final class EngineUnavailableException extends ApiProblem {

  EngineUnavailableException(String message, Throwable cause) {
    super(
        HttpStatus.SERVICE_UNAVAILABLE,
        "Engine unavailable",
        message + ": " + cause.getMessage(),
        cause);
  }
}
