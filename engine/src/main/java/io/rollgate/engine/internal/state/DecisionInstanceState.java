package io.rollgate.engine.internal.state;

/** Whether a decision instance's evaluation succeeded. Persisted by name. */
public enum DecisionInstanceState {
  EVALUATED,
  FAILED
}
