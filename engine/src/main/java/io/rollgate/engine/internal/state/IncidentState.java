package io.rollgate.engine.internal.state;

/** Where an incident is: waiting for someone to resolve it, or resolved. Persisted by name. */
public enum IncidentState {
  ACTIVE,
  RESOLVED
}
