package io.rollgate.engine.internal.state;

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
  public SubscriptionState state = SubscriptionState.CREATED;

  public long lastUpdated;

  /** A new open subscription of {@code holder} for the event {@code elementId}. */
  public static MessageSubscription waitingIn(
      ElementInstance holder,
      String elementId,
      String name,
      String correlationKey,
      long key,
      long now) {
    MessageSubscription subscription = new MessageSubscription();
    subscription.key = key;
    subscription.messageName = name;
    subscription.correlationKey = correlationKey;
    subscription.processInstanceKey = holder.processInstanceKey;
    subscription.processDefinitionKey = holder.processDefinitionKey;
    subscription.processId = holder.processId;
    subscription.tenantId = holder.tenantId;
    subscription.elementInstanceKey = holder.key;
    subscription.elementId = elementId;
    subscription.lastUpdated = now;
    return subscription;
  }

  @JsonIgnore
  public boolean isOpen() {
    return state == SubscriptionState.CREATED;
  }
}
