package io.rollgate.app.task;

import io.rollgate.app.problem.ApiProblem;
import org.springframework.http.HttpStatus;

/** A user task's completing listener refused a completion; the task stays open. */
public final class CompletionDeniedException extends ApiProblem {

  private final String reason;

  CompletionDeniedException(String reason) {
    super(HttpStatus.CONFLICT, "Completion refused", reason);
    this.reason = reason;
  }

  /** The listener's reason, in words for the person who tried. */
  public String reason() {
    return reason;
  }
}
