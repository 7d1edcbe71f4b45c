package io.rollgate.engine.internal.processor;

import io.rollgate.engine.internal.feel.EvaluationException;
import io.rollgate.engine.internal.feel.Feel;
import io.rollgate.engine.internal.model.Behavior;
import io.rollgate.engine.internal.model.ElementSpec;
import io.rollgate.engine.internal.model.FlowNode;
import io.rollgate.engine.internal.model.SequenceFlow;
import io.rollgate.engine.internal.state.ElementInstance;
import io.rollgate.engine.internal.state.EngineState;
import io.rollgate.engine.internal.state.IncidentErrorType;
import io.rollgate.engine.internal.state.MessageSubscription;
import io.rollgate.engine.internal.state.SubscriptionState;
import io.rollgate.engine.internal.state.Timer;
import io.rollgate.engine.internal.state.TimerState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What an element waits for besides its own work: the message subscriptions, signal subscriptions
 * and timers of catch events, of boundary events (held by the activity they are attached to), of a
 * scope's event sub-process start events (held by the scope) and of the events after an event-based
 * gateway (held by the gateway); opened when their holder is entered, closed with it.
 */
final class EventSubscriptions {
  private final EngineState state;
  private final Feel feel;
  private final Variables variables;
  private final Timers timers;
  private final Signals signals;
  private final MessageCorrelator correlator;
  private final Incidents incidents;
  private final Runtime runtime;

  /**
   * Events that already happened at an event-based gateway, by scope and event id, with their
   * variables: the event is entered and completes at once. Empty between commands.
   */
  private final Map<Long, Map<String, Map<String, Object>>> preTriggered = new HashMap<>();

  EventSubscriptions(
      EngineState state,
      Feel feel,
      Variables variables,
      Timers timers,
      Signals signals,
      MessageCorrelator correlator,
      Incidents incidents,
      Runtime runtime) {
    this.state = state;
    this.feel = feel;
    this.variables = variables;
    this.timers = timers;
    this.signals = signals;
    this.correlator = correlator;
    this.incidents = incidents;
    this.runtime = runtime;
  }

  /** Opens the message, timer and signal triggers of a scope's event sub-processes. */
  void openEventSubProcessTriggers(ElementInstance scope, FlowNode scopeNode) {
    List<MessageSubscription> opened = new ArrayList<>();
    try {
      Map<String, Object> seen = null;
      for (FlowNode eventSubProcess : scopeNode.eventSubProcesses()) {
        FlowNode start = eventSubProcess.spec(ElementSpec.EventSubProcess.class).trigger();
        seen = seen == null ? variables.visible(scope.key) : seen;
        switch (start.behavior()) {
          case MESSAGE_START -> opened.add(subscribe(scope, start, seen));
          case TIMER_START -> timers.schedule(scope, start, seen);
          case SIGNAL_START -> signals.subscribe(scope, start, seen);
          default -> {}
        }
      }
    } catch (EvaluationException e) {
      incidents.raise(scope, IncidentErrorType.EXTRACT_VALUE_ERROR, e.getMessage());
      return;
    }
    for (MessageSubscription subscription : opened) {
      if (subscription.isOpen() && scope.isActive()) {
        correlator.subscriptionOpened(subscription);
      }
    }
  }

  /** The gateway holds the subscriptions and timers of every event after it. */
  void waitForFirstEvent(ElementInstance gateway, FlowNode node) {
    List<MessageSubscription> opened = new ArrayList<>();
    try {
      Map<String, Object> seen = variables.visible(gateway.key);
      for (SequenceFlow flow : node.outgoing()) {
        FlowNode event = flow.target();
        if (event.behavior() == Behavior.MESSAGE_CATCH) {
          opened.add(subscribe(gateway, event, seen));
        } else {
          timers.schedule(gateway, event, seen);
        }
      }
    } catch (EvaluationException e) {
      closeAll(gateway);
      incidents.failActivation(gateway, e);
      return;
    }
    for (MessageSubscription subscription : opened) {
      if (subscription.isOpen() && gateway.isActive()) {
        correlator.subscriptionOpened(subscription);
      }
    }
  }

  /** The first event happened: the gateway takes only the flow to it; the others are dropped. */
  void passGateway(ElementInstance gateway, FlowNode event, Map<String, Object> payload) {
    preTriggered
        .computeIfAbsent(gateway.flowScopeKey, k -> new HashMap<>())
        .put(event.id(), payload);
    gateway.chosenFlows = List.of(event.incoming().get(0).id());
    runtime.completeLater(gateway);
  }

  void catchOrTakeTrigger(ElementInstance instance, FlowNode node) {
    if (!takePreTrigger(instance, node)) {
      openCatchSubscription(instance, node);
    }
  }

  /** Completes an event entered after its event-based gateway saw it happen. */
  boolean takePreTrigger(ElementInstance instance, FlowNode node) {
    Map<String, Map<String, Object>> waiting = preTriggered.get(instance.flowScopeKey);
    if (waiting == null || !waiting.containsKey(node.id())) {
      return false;
    }
    Map<String, Object> payload = waiting.remove(node.id());
    if (waiting.isEmpty()) {
      preTriggered.remove(instance.flowScopeKey);
    }
    variables.mergeResult(instance, node, payload);
    runtime.completeLater(instance);
    return true;
  }

  void openSignalCatch(ElementInstance instance, FlowNode node) {
    try {
      signals.subscribe(instance, node, variables.visible(instance.key));
    } catch (EvaluationException e) {
      incidents.failActivation(instance, e);
    }
  }

  private void openCatchSubscription(ElementInstance instance, FlowNode node) {
    MessageSubscription subscription;
    try {
      subscription = subscribe(instance, node, variables.visible(instance.key));
    } catch (EvaluationException e) {
      incidents.failActivation(instance, e);
      return;
    }
    correlator.subscriptionOpened(subscription);
  }

  /**
   * Opens the subscriptions of the activity's message boundary events, then lets waiting messages
   * in; false when a correlation key fails (an incident) or an interrupting message already ended
   * the activity.
   */
  boolean openBoundarySubscriptions(ElementInstance instance, FlowNode node) {
    List<MessageSubscription> opened = new ArrayList<>();
    try {
      Map<String, Object> seen = null;
      for (FlowNode boundary : node.boundaryEvents()) {
        if (boundary.behavior() == Behavior.MESSAGE_BOUNDARY) {
          seen = seen == null ? variables.visible(instance.key) : seen;
          opened.add(subscribe(instance, boundary, seen));
        } else if (boundary.behavior() == Behavior.SIGNAL_BOUNDARY) {
          seen = seen == null ? variables.visible(instance.key) : seen;
          signals.subscribe(instance, boundary, seen);
        } else if (boundary.behavior() == Behavior.TIMER_BOUNDARY) {
          seen = seen == null ? variables.visible(instance.key) : seen;
          timers.schedule(instance, boundary, seen);
        }
      }
    } catch (EvaluationException e) {
      closeAll(instance);
      incidents.failActivation(instance, e);
      return false;
    }
    for (MessageSubscription subscription : opened) {
      if (subscription.isOpen()) {
        correlator.subscriptionOpened(subscription);
      }
    }
    return instance.isActive();
  }

  private MessageSubscription subscribe(
      ElementInstance holder, FlowNode event, Map<String, Object> seen) {
    ElementSpec.MessageEvent message = event.spec(ElementSpec.MessageEvent.class);
    String name = feel.evaluateString(message.name(), seen);
    String correlationKey = feel.evaluateString(message.correlationKey(), seen);
    MessageSubscription subscription =
        MessageSubscription.waitingIn(
            holder, event.id(), name, correlationKey, state.nextKey(), runtime.now());
    state.add(subscription);
    if (holder.subscriptionKeys == null) {
      holder.subscriptionKeys = new ArrayList<>();
    }
    holder.subscriptionKeys.add(subscription.key);
    return subscription;
  }

  void closeAll(ElementInstance instance) {
    signals.closeAll(instance);
    if (instance.timerKeys != null) {
      for (long key : instance.timerKeys) {
        Timer timer = state.timers.get(key);
        if (timer.isScheduled()) {
          state.unschedule(timer, TimerState.CANCELED);
        }
      }
      instance.timerKeys = null;
    }
    if (instance.subscriptionKeys == null) {
      return;
    }
    for (long key : instance.subscriptionKeys) {
      MessageSubscription subscription = state.subscriptions.get(key);
      if (subscription.isOpen()) {
        state.close(subscription, SubscriptionState.DELETED, runtime.now());
      }
    }
    instance.subscriptionKeys = null;
  }
}
