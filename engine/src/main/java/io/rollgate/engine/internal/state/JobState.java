package io.rollgate.engine.internal.state;

/** Job states as the REST API names them. */
public enum JobState {
  CREATED,
  FAILED,
  RETRIES_UPDATED,
  TIMED_OUT,
  ERROR_THROWN,
  COMPLETED,
  CANCELED;

  public boolean isEnded() {
    return this == COMPLETED || this == CANCELED;
  }
}
