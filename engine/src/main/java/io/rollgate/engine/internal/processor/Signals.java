package io.rollgate.engine.internal.processor;

import io.rollgate.engine.internal.feel.Feel;
import io.rollgate.engine.internal.model.Behavior;
import io.rollgate.engine.internal.model.ElementSpec;
import io.rollgate.engine.internal.model.FlowNode;
import io.rollgate.engine.internal.state.ElementInstance;
import io.rollgate.engine.internal.state.EngineState;
import io.rollgate.engine.internal.state.MessageSubscription;
import io.rollgate.engine.internal.state.ProcessDefinition;
import io.rollgate.engine.internal.state.SubscriptionState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Signals: a broadcast reaches every element waiting for the signal's name and starts every process
 * whose latest version has a signal start event for it. Nothing is kept for later.
 */
final class Signals {
  private final EngineState state;
  private final Feel feel;
  private final Runtime runtime;

  Signals(EngineState state, Feel feel, Runtime runtime) {
    this.state = state;
    this.feel = feel;
    this.runtime = runtime;
  }

  /** Opens the subscription of a signal catch or boundary event held by {@code holder}. */
  void subscribe(ElementInstance holder, FlowNode event, Map<String, Object> seen) {
    MessageSubscription subscription =
        MessageSubscription.waitingIn(
            holder,
            event.id(),
            feel.evaluateString(event.spec(ElementSpec.SignalEvent.class).name(), seen),
            "",
            state.nextKey(),
            runtime.now());
    state.addSignal(subscription);
    if (holder.signalKeys == null) {
      holder.signalKeys = new ArrayList<>();
    }
    holder.signalKeys.add(subscription.key);
  }

  /** Closes the signal subscriptions an element holds, as it leaves. */
  void closeAll(ElementInstance holder) {
    if (holder.signalKeys == null) {
      return;
    }
    for (long key : holder.signalKeys) {
      MessageSubscription subscription = state.signalSubscriptions.get(key);
      if (subscription.isOpen()) {
        state.closeSignal(subscription, SubscriptionState.DELETED, runtime.now());
      }
    }
    holder.signalKeys = null;
  }

  /** Delivers a signal to everything waiting for it and starts the processes it starts. */
  void broadcast(String name, Map<String, Object> variables) {
    TreeSet<Long> open = state.openSignals.getOrDefault(name, new TreeSet<>());
    for (long key : List.copyOf(open)) {
      MessageSubscription subscription = state.signalSubscriptions.get(key);
      if (subscription.isOpen()) {
        deliver(subscription, variables);
      }
    }
    for (TreeMap<Integer, ProcessDefinition> versions : state.definitionsById.values()) {
      ProcessDefinition latest = versions.lastEntry().getValue();
      for (FlowNode start : latest.model.root().signalStarts()) {
        if (name.equals(start.spec(ElementSpec.SignalEvent.class).name().source())) {
          runtime.activation().startInstance(latest, variables, start);
          break;
        }
      }
    }
  }

  private void deliver(MessageSubscription subscription, Map<String, Object> variables) {
    ElementInstance holder = state.elementInstances.get(subscription.elementInstanceKey);
    FlowNode target = runtime.modelOf(holder).node(subscription.elementId);
    if (target.behavior() == Behavior.SIGNAL_START) {
      if (target.interrupting()) {
        state.closeSignal(subscription, SubscriptionState.CORRELATED, runtime.now());
      }
      runtime.activation().triggerEventSubProcess(holder, target, variables);
      return;
    }
    if (target.behavior() == Behavior.SIGNAL_CATCH) {
      state.closeSignal(subscription, SubscriptionState.CORRELATED, runtime.now());
      runtime.variables().mergeResult(holder, target, variables);
      runtime.completeLater(holder);
      return;
    }
    ElementInstance scope = state.elementInstances.get(holder.flowScopeKey);
    if (target.interrupting()) {
      state.closeSignal(subscription, SubscriptionState.CORRELATED, runtime.now());
      runtime.termination().terminate(holder);
    }
    runtime.activation().activateEvent(target, scope, variables);
  }
}
