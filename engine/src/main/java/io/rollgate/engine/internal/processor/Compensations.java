package io.rollgate.engine.internal.processor;

import io.rollgate.engine.internal.model.Behavior;
import io.rollgate.engine.internal.model.ElementSpec;
import io.rollgate.engine.internal.model.ElementType;
import io.rollgate.engine.internal.model.FlowNode;
import io.rollgate.engine.internal.state.ElementInstance;
import io.rollgate.engine.internal.state.EngineState;
import java.util.ArrayList;
import java.util.List;

/**
 * Compensation: remembers, per scope, the completed activities that have a compensation handler
 * (and completed sub-processes and multi-instance bodies holding such activities); a compensation
 * throw event starts the handlers of its scope's remembered activities, each once, and completes
 * when all of them have.
 */
final class Compensations {
  /** A handler to start for one completed activity instance. */
  private record Pending(FlowNode handler, ElementInstance compensated) {}

  private final EngineState state;
  private final Runtime runtime;

  Compensations(EngineState state, Runtime runtime) {
    this.state = state;
    this.runtime = runtime;
  }

  /** An element completed in its flow scope: remember it when something in it can compensate. */
  void completed(ElementInstance instance, FlowNode node, ElementInstance scope) {
    boolean hasHandler =
        node.compensationHandler() != null && instance.type != ElementType.MULTI_INSTANCE_BODY;
    boolean holdsCompensable = instance.compensable != null && !instance.compensable.isEmpty();
    if (hasHandler || holdsCompensable) {
      if (scope.compensable == null) {
        scope.compensable = new ArrayList<>();
      }
      scope.compensable.add(instance.key);
    }
  }

  /**
   * A compensation throw or end event was reached: start the handlers of the completed activities
   * of its scope (the scope an event sub-process runs in, when it is in one), or of its {@code
   * activityRef} only; it completes at once when there is nothing to compensate.
   */
  void throwCompensation(ElementInstance thrower, FlowNode node) {
    String activityRef = node.spec(ElementSpec.CompensationThrow.class).activityRef();
    ElementInstance scope = state.elementInstances.get(thrower.flowScopeKey);
    ElementInstance compensated = scope;
    if (runtime.nodeOf(scope).behavior() == Behavior.EVENT_SUB_PROCESS) {
      compensated = state.elementInstances.get(scope.flowScopeKey);
    }
    List<Pending> handlers = new ArrayList<>();
    if (compensated.compensable != null) {
      List<Long> chosen =
          compensated.compensable.stream()
              .filter(
                  key ->
                      activityRef == null
                          || activityRef.equals(state.elementInstances.get(key).elementId))
              .toList();
      compensated.compensable.removeAll(chosen);
      if (compensated.compensable.isEmpty()) {
        compensated.compensable = null;
      }
      chosen.forEach(key -> collect(state.elementInstances.get(key), handlers));
    }
    if (handlers.isEmpty()) {
      runtime.completeLater(thrower);
      return;
    }
    thrower.compensationsPending = handlers.size();
    for (Pending pending : handlers) {
      runtime
          .activation()
          .activateCompensationHandler(
              pending.handler(), scope, pending.compensated(), thrower.key);
    }
  }

  /** The handlers of a completed instance and of what it holds; each is consumed once. */
  private void collect(ElementInstance instance, List<Pending> handlers) {
    if (instance.compensable != null) {
      List<Long> inner = instance.compensable;
      instance.compensable = null;
      inner.forEach(key -> collect(state.elementInstances.get(key), handlers));
    }
    FlowNode node = runtime.nodeOf(instance);
    if (instance.type != ElementType.MULTI_INSTANCE_BODY && node.compensationHandler() != null) {
      handlers.add(new Pending(node.compensationHandler(), instance));
    }
  }

  /** A compensation handler completed: the throw event goes on once all of its handlers have. */
  void handlerCompleted(ElementInstance handler) {
    ElementInstance thrower = state.elementInstances.get(handler.compensationThrowKey);
    if (thrower == null || !thrower.isActive()) {
      return;
    }
    thrower.compensationsPending--;
    if (thrower.compensationsPending <= 0) {
      runtime.completeLater(thrower);
    }
  }
}
