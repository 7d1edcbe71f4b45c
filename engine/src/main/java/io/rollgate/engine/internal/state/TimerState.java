package io.rollgate.engine.internal.state;

/** A timer waits until it is due (CREATED), then fires or is dropped. Persisted by name. */
public enum TimerState {
  CREATED,
  TRIGGERED,
  CANCELED
}
