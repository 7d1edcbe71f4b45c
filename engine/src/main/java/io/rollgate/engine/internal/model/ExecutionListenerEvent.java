package io.rollgate.engine.internal.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * When an execution listener runs: as its element starts or as it ends. Persisted in lower case
 * ({@code start}, {@code end}), the BPMN attribute's values.
 */
public enum ExecutionListenerEvent {
  @JsonProperty("start")
  START,
  @JsonProperty("end")
  END
}
