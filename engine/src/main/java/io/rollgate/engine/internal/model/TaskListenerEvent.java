package io.rollgate.engine.internal.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The user task transition a task listener runs for. Persisted in lower case ({@code creating},
 * ...), the Camunda 8.8 event names.
 */
public enum TaskListenerEvent {
  @JsonProperty("creating")
  CREATING,
  @JsonProperty("assigning")
  ASSIGNING,
  @JsonProperty("updating")
  UPDATING,
  @JsonProperty("completing")
  COMPLETING
}
