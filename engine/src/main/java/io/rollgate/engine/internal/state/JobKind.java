package io.rollgate.engine.internal.state;

/**
 * Whose work a job is, besides an element's own (which has no kind, for the persisted format's
 * sake: see {@link Job#kind}). Persisted by name.
 */
public enum JobKind {
  EXECUTION_LISTENER,
  TASK_LISTENER
}
