package io.rollgate.engine.internal.state;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** A problem that stops an element until someone resolves it. */
public final class Incident extends ElementBound {
  public long key;
  public IncidentErrorType errorType;
  public String errorMessage;
  public Long jobKey;
  public long creationTime;
  public IncidentState state = IncidentState.ACTIVE;

  @JsonIgnore
  public boolean isActive() {
    return state == IncidentState.ACTIVE;
  }
}
