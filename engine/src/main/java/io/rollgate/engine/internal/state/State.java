package io.rollgate.engine.internal.state;

/** Lifecycle state of process and element instances, as the REST API names it. */
public enum State {
  ACTIVE,
  COMPLETED,
  TERMINATED
}
