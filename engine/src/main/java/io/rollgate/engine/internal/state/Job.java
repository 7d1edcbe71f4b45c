package io.rollgate.engine.internal.state;

import java.util.Map;

/** A job of a job-based task, waiting for or held by a worker. */
public final class Job extends ElementBound {
  public long key;
  public String type;
  public int processVersion;
  public Map<String, String> customHeaders;
  public int retries;
  public JobState state = JobState.CREATED;

  /** Whether a worker holds it (until {@link #deadline}). */
  public boolean activated;

  public String worker;
  public Long deadline;

  /** When a failed job with retries left may be activated again (epoch ms). */
  public Long retryAt;

  public String errorMessage;
  public String errorCode;
  public Long endTime;
  public Long incidentKey;

  /**
   * {@code TASK_LISTENER} for a user task listener's job, {@code EXECUTION_LISTENER} for an
   * execution listener's; null for an element's own job.
   */
  public JobKind kind;

  /**
   * The event a listener job runs for: a user task event ({@code COMPLETING}, ...) or an element's
   * {@code START} or {@code END}; null for an element's own job.
   */
  public ListenerEventType listenerEventType;

  /** The user task a task listener job runs for, or null. */
  public Long userTaskKey;

  /** Whether a worker failed it and it will be tried again ({@code hasFailedWithRetriesLeft}). */
  public boolean hasFailedWithRetriesLeft() {
    return retries > 0 && errorMessage != null;
  }
}
