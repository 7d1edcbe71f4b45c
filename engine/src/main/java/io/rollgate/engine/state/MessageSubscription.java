package io.rollgate.engine.state;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * An element waiting for a message: a catch event or receive task (the element itself), or a
 * message boundary event (on the activity it is attached to).
 */
public final class MessageSubscription {
  public long key;
  public long processInstanceKey;
  public long processDefinitionKey;
  public String processId;
  public String tenantId;

  /** The waiting element instance: the catch element, or the activity the boundary is on. */
  public long elementInstanceKey;

  /** The element the message activates: the catch element itself or the boundary event. */
  public String elementId;

  public String messageName;
  public String correlationKey;

  /** CREATED while open, CORRELATED once a message completed it, DELETED when closed unused. */
  public String state = "CREATED";

  public long lastUpdated;

  @JsonIgnore
  public boolean isOpen() {
    return "CREATED".equals(state);
  }
}
