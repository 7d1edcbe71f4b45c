package io.rollgate.app.task;

/** A user task's completing listener refused a completion; the task stays open. */
public final class CompletionDeniedException extends RuntimeException {

  private final String reason;

  CompletionDeniedException(String reason) {
    super(reason);
    this.reason = reason;
  }

  /** The listener's reason, in words for the person who tried. */
  public String reason() {
    return reason;
  }
}
