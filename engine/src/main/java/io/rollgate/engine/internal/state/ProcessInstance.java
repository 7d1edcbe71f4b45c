package io.rollgate.engine.internal.state;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.LinkedHashSet;
import java.util.Set;

/** A running or finished process instance; also the root element instance with the same key. */
public final class ProcessInstance {
  public long key;
  public long processDefinitionKey;
  public String processId;
  public String processName;
  public int version;
  public String versionTag;
  public String tenantId;
  public State state = State.ACTIVE;
  public long startDate;
  public Long endDate;
  public int activeIncidents;

  /** For an instance started by a call activity: the calling instance and element instance. */
  public Long parentProcessInstanceKey;

  public Long parentElementInstanceKey;

  /** The correlation key of the message that started it, if a message with a key did. */
  public String startCorrelationKey;

  /** Ids of the sequence flows taken so far. */
  @JsonDeserialize(as = LinkedHashSet.class)
  public Set<String> takenFlows = new LinkedHashSet<>();

  @JsonIgnore
  public boolean hasIncident() {
    return activeIncidents > 0;
  }
}
