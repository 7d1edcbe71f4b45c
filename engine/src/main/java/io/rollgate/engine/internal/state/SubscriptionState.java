package io.rollgate.engine.internal.state;

/**
 * A message or signal subscription waits (CREATED) until a message or signal correlates, or its
 * element ends without one (DELETED). Persisted by name.
 */
public enum SubscriptionState {
  CREATED,
  CORRELATED,
  DELETED
}
