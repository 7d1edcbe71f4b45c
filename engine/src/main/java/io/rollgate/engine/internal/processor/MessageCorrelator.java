package io.rollgate.engine.internal.processor;

import io.rollgate.engine.internal.model.Behavior;
import io.rollgate.engine.internal.model.ElementSpec;
import io.rollgate.engine.internal.model.ElementType;
import io.rollgate.engine.internal.model.FlowNode;
import io.rollgate.engine.internal.state.ElementInstance;
import io.rollgate.engine.internal.state.EngineState;
import io.rollgate.engine.internal.state.Message;
import io.rollgate.engine.internal.state.MessageCorrelation;
import io.rollgate.engine.internal.state.MessageSubscription;
import io.rollgate.engine.internal.state.ProcessDefinition;
import io.rollgate.engine.internal.state.ProcessInstance;
import io.rollgate.engine.internal.state.SubscriptionState;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Matches messages and subscriptions as Camunda 8 documents it: a published message reaches every
 * open subscription with its name and correlation key (each process instance at most once), starts
 * processes with a matching message start event, and waits out its time to live for subscriptions
 * opened later.
 */
final class MessageCorrelator {
  private final EngineState state;
  private final Runtime runtime;

  MessageCorrelator(EngineState state, Runtime runtime) {
    this.state = state;
    this.runtime = runtime;
  }

  /** Whether a live message with this id, name and correlation key exists (a duplicate). */
  boolean isDuplicate(String name, String correlationKey, String messageId, long now) {
    if (messageId == null || messageId.isEmpty()) {
      return false;
    }
    for (long key : buffered(name, correlationKey)) {
      Message message = state.messages.get(key);
      if (message.isAliveAt(now) && messageId.equals(message.messageId)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a correlation (not buffered) would reach anything: a subscription or a start event. */
  boolean canCorrelate(String name, String correlationKey) {
    TreeSet<Long> open = state.openSubscriptions.get(EngineState.messageKey(name, correlationKey));
    return (open != null && !open.isEmpty()) || !startableBy(name, correlationKey).isEmpty();
  }

  /**
   * Delivers a message to every open subscription and message start event, then keeps it while its
   * time to live lasts.
   */
  Message publish(Message message, boolean firstOnly) {
    List<MessageSubscription> targets = new ArrayList<>();
    Set<Long> instances = new HashSet<>();
    TreeSet<Long> open =
        state.openSubscriptions.get(EngineState.messageKey(message.name, message.correlationKey));
    if (open != null) {
      for (long key : open) {
        MessageSubscription subscription = state.subscriptions.get(key);
        if (instances.add(subscription.processInstanceKey)) {
          targets.add(subscription);
        }
      }
    }
    for (MessageSubscription subscription : targets) {
      if (subscription.isOpen()
          && !message.correlatedInstances.contains(subscription.processInstanceKey)) {
        deliver(subscription, message);
        if (firstOnly) {
          return message;
        }
      }
    }
    for (Map.Entry<ProcessDefinition, FlowNode> start :
        startableBy(message.name, message.correlationKey).entrySet()) {
      ProcessInstance started = startByMessage(start.getKey(), start.getValue(), message);
      message.correlatedInstances.add(started.key);
      if (firstOnly) {
        return message;
      }
    }
    if (message.expiresAt > message.publishedAt) {
      state.add(message);
    }
    return message;
  }

  /** A subscription just opened: the oldest live message it has not had yet reaches it. */
  void subscriptionOpened(MessageSubscription subscription) {
    long now = runtime.now();
    for (long key : List.copyOf(buffered(subscription.messageName, subscription.correlationKey))) {
      Message message = state.messages.get(key);
      if (!message.isAliveAt(now)) {
        state.remove(message);
        continue;
      }
      if (!message.correlatedInstances.contains(subscription.processInstanceKey)) {
        deliver(subscription, message);
        return;
      }
    }
  }

  private TreeSet<Long> buffered(String name, String correlationKey) {
    return state.messagesByCorrelation.getOrDefault(
        EngineState.messageKey(name, correlationKey), new TreeSet<>());
  }

  /**
   * The latest version of each process with a message start event for this name, unless an instance
   * started by a message with the same correlation key is still running.
   */
  private Map<ProcessDefinition, FlowNode> startableBy(String name, String correlationKey) {
    Map<ProcessDefinition, FlowNode> startable = new LinkedHashMap<>();
    for (TreeMap<Integer, ProcessDefinition> versions : state.definitionsById.values()) {
      ProcessDefinition latest = versions.lastEntry().getValue();
      for (FlowNode start : latest.model.root().messageStarts()) {
        if (name.equals(start.spec(ElementSpec.MessageEvent.class).name().source())
            && !(correlationKey != null
                && !correlationKey.isEmpty()
                && state.messageStartedInstances.containsKey(
                    EngineState.messageKey(latest.processId, correlationKey)))) {
          startable.put(latest, start);
          break;
        }
      }
    }
    return startable;
  }

  /** A new instance from a message start event, with the message's variables. */
  ProcessInstance startByMessage(ProcessDefinition definition, FlowNode start, Message message) {
    ProcessInstance instance =
        runtime.activation().startInstance(definition, message.variables, start);
    if (message.correlationKey != null && !message.correlationKey.isEmpty()) {
      instance.startCorrelationKey = message.correlationKey;
      state.messageStartedInstances.put(
          EngineState.messageKey(definition.processId, message.correlationKey), instance.key);
    }
    recordCorrelation(message, definition.key, instance.key, instance.key, start.id(), instance);
    return instance;
  }

  /**
   * A message reached a subscription: a catch element completes with the message's variables; a
   * boundary event starts its path, cancelling its activity when it interrupts.
   */
  void deliver(MessageSubscription subscription, Message message) {
    ElementInstance holder = state.elementInstances.get(subscription.elementInstanceKey);
    FlowNode target = runtime.modelOf(holder).node(subscription.elementId);
    recordCorrelation(
        message,
        subscription.key,
        holder.processInstanceKey,
        holder.key,
        subscription.elementId,
        state.processInstances.get(holder.processInstanceKey));
    Map<String, Object> payload = message.variables == null ? Map.of() : message.variables;
    if (holder.type == ElementType.EVENT_BASED_GATEWAY) {
      state.close(subscription, SubscriptionState.CORRELATED, runtime.now());
      runtime.subscriptions().passGateway(holder, target, payload);
      return;
    }
    if (target.behavior() == Behavior.MESSAGE_START) {
      if (target.interrupting()) {
        state.close(subscription, SubscriptionState.CORRELATED, runtime.now());
      }
      runtime.activation().triggerEventSubProcess(holder, target, payload);
      return;
    }
    if (target.behavior() == Behavior.MESSAGE_CATCH) {
      state.close(subscription, SubscriptionState.CORRELATED, runtime.now());
      runtime.variables().mergeResult(holder, target, payload);
      runtime.completeLater(holder);
      return;
    }
    ElementInstance scope = state.elementInstances.get(holder.flowScopeKey);
    if (target.interrupting()) {
      state.close(subscription, SubscriptionState.CORRELATED, runtime.now());
      runtime.termination().terminate(holder);
    }
    runtime.activation().activateEvent(target, scope, payload);
  }

  private void recordCorrelation(
      Message message,
      long subscriptionKey,
      long processInstanceKey,
      long elementInstanceKey,
      String elementId,
      ProcessInstance instance) {
    message.correlatedInstances.add(processInstanceKey);
    state.correlations.add(
        new MessageCorrelation(
            state.correlations.size(),
            message.key,
            subscriptionKey,
            message.name,
            message.correlationKey,
            processInstanceKey,
            instance.processDefinitionKey,
            instance.processId,
            elementInstanceKey,
            elementId,
            instance.tenantId,
            runtime.now()));
  }
}
