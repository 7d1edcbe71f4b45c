package io.rollgate.engine.internal.state;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * An element waiting for a message: a catch event or receive task (the element itself), or a
 * message boundary event (on the activity it is attached to). Its element instance is the waiting
 * one (the catch element, or the activity the boundary is on); its element is the one the message
 * activates (the catch element itself, or the boundary event).
 */
public final class MessageSubscription extends ElementBound {
  public long key;

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
    subscription.bindTo(holder);
    // a boundary event waits in the activity it is attached to
    subscription.elementId = elementId;
    subscription.lastUpdated = now;
    return subscription;
  }

  @JsonIgnore
  public boolean isOpen() {
    return state == SubscriptionState.CREATED;
  }
}
