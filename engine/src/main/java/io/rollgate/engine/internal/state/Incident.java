package io.rollgate.engine.internal.state;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** A problem that stops an element until someone resolves it. */
public final class Incident {
  public long key;
  public IncidentErrorType errorType;
  public String errorMessage;
  public String elementId;
  public long elementInstanceKey;
  public long processInstanceKey;
  public long processDefinitionKey;
  public String processId;
  public String tenantId;
  public Long jobKey;
  public long creationTime;
  public IncidentState state = IncidentState.ACTIVE;

  @JsonIgnore
  public boolean isActive() {
    return state == IncidentState.ACTIVE;
  }
}
