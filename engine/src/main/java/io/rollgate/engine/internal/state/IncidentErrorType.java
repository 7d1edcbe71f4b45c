package io.rollgate.engine.internal.state;

/**
 * What stopped the element an incident is on, as Camunda 8 names it ({@code errorType}). Persisted
 * by name.
 */
public enum IncidentErrorType {
  /** A job (or the step that failed) with no retries left. */
  JOB_NO_RETRIES,
  TASK_LISTENER_NO_RETRIES,
  EXECUTION_LISTENER_NO_RETRIES,
  CONDITION_ERROR,
  IO_MAPPING_ERROR,
  EXTRACT_VALUE_ERROR,
  UNHANDLED_ERROR_EVENT,
  CALLED_ELEMENT_ERROR,
  CALLED_DECISION_ERROR,
  DECISION_EVALUATION_ERROR,
  FORM_NOT_FOUND,
  /** Anything else, such as an element that loops without a wait state. */
  UNKNOWN;

  /** Whether resolving the incident needs the job's retries raised first. */
  public boolean isNoRetries() {
    return this == JOB_NO_RETRIES
        || this == TASK_LISTENER_NO_RETRIES
        || this == EXECUTION_LISTENER_NO_RETRIES;
  }
}
