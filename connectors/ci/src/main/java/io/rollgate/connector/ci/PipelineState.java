package io.rollgate.connector.ci;

/**
 * Where a CI run stands, in the same words for every provider. {@link #SUCCEEDED}, {@link #FAILED}
 * and {@link #CANCELLED} are final.
 */
public enum PipelineState {
  /** Known but not started: queued, waiting for a runner, or no run seen yet for the commit. */
  PENDING,
  RUNNING,
  SUCCEEDED,
  /** Ended badly: failed, timed out, unstable, or needs action. */
  FAILED,
  /** Stopped before it ended: cancelled, aborted, skipped, not built. */
  CANCELLED;

  /** Whether the run is over. */
  public boolean isFinal() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED;
  }
}
