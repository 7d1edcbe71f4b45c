package io.rollgate.engine.internal.processor;

import io.rollgate.engine.internal.model.ElementType;
import io.rollgate.engine.internal.model.ExecutionListenerEvent;
import io.rollgate.engine.internal.model.FlowNode;
import io.rollgate.engine.internal.model.ProcessModel;
import io.rollgate.engine.internal.model.SequenceFlow;
import io.rollgate.engine.internal.state.ElementInstance;
import io.rollgate.engine.internal.state.EngineState;
import io.rollgate.engine.internal.state.ProcessInstance;
import io.rollgate.engine.internal.state.State;
import java.util.List;

/**
 * How elements end and tokens move on: an element's output mappings and end listeners, its outgoing
 * flows (through joining gateways), its scope completing once nothing is left in it, and the
 * process instance ending with its root scope.
 */
final class ElementCompletion {
  private final EngineState state;
  private final Runtime runtime;
  private final Agenda agenda;

  ElementCompletion(EngineState state, Runtime runtime, Agenda agenda) {
    this.state = state;
    this.runtime = runtime;
    this.agenda = agenda;
  }

  /** Completes an element: output mappings, end listeners, then it leaves by its flows. */
  void complete(ElementInstance instance) {
    if (!instance.isActive()) {
      return;
    }
    FlowNode node = runtime.nodeOf(instance);
    boolean body = instance.type == ElementType.MULTI_INSTANCE_BODY;
    if (!instance.endListenersDone) {
      // output mappings first, so that the end listeners see what they merged
      if (!body && !runtime.mappings().applyOutputs(instance, node)) {
        return;
      }
      if (!node.executionListeners(ExecutionListenerEvent.END).isEmpty()) {
        runtime.executionListeners().begin(instance, ExecutionListenerEvent.END);
        return;
      }
    }
    if (body && node.multiInstance().outputCollection() != null) {
      String name = node.multiInstance().outputCollection();
      runtime
          .variables()
          .setPropagating(
              instance.flowScopeKey, name, state.localVariables(instance.key).get(name).value);
    }
    runtime.subscriptions().closeAll(instance);
    instance.state = State.COMPLETED;
    instance.endDate = runtime.now();
    ElementInstance scope = state.elementInstances.get(instance.flowScopeKey);
    scope.activeChildren.remove(instance.key);
    runtime.compensations().completed(instance, node, scope);
    if (instance.compensationThrowKey != null) {
      runtime.compensations().handlerCompleted(instance);
    }
    if (runtime.multiInstances().isInner(instance)) {
      runtime.multiInstances().innerCompleted(scope, instance, node);
      return;
    }
    List<SequenceFlow> outgoing = outgoingOf(instance, node);
    for (SequenceFlow flow : outgoing) {
      runtime.joins().taken(scope, flow);
      agenda.add(() -> take(flow, scope));
    }
    if (outgoing.isEmpty()) {
      agenda.add(() -> afterChildEnded(scope));
    } else {
      recheckInclusiveJoins(scope);
    }
  }

  /**
   * Completes a scope whose work is done: a process instance (after its end listeners) ends, any
   * other scope completes as an element.
   */
  void completeScope(ElementInstance scope) {
    if (scope.type == ElementType.PROCESS) {
      if (!scope.endListenersDone
          && !runtime.nodeOf(scope).executionListeners(ExecutionListenerEvent.END).isEmpty()) {
        runtime.executionListeners().begin(scope, ExecutionListenerEvent.END);
        return;
      }
      runtime.subscriptions().closeAll(scope);
      scope.state = State.COMPLETED;
      scope.endDate = runtime.now();
      finishProcess(state.processInstances.get(scope.key), State.COMPLETED);
    } else {
      complete(scope);
    }
  }

  /** The process instance ends: a called one returns to its caller when it completed. */
  void finishProcess(ProcessInstance instance, State end) {
    if (end == State.COMPLETED && instance.parentElementInstanceKey != null) {
      runtime.callActivities().returnToCaller(instance);
    }
    if (instance.startCorrelationKey != null) {
      state.messageStartedInstances.remove(
          EngineState.messageKey(instance.processId, instance.startCorrelationKey));
    }
    instance.state = end;
    instance.endDate = runtime.now();
    runtime.outcomes().processEnded(instance);
  }

  private List<SequenceFlow> outgoingOf(ElementInstance instance, FlowNode node) {
    if (instance.chosenFlows == null) {
      return node.outgoing();
    }
    ProcessModel model = runtime.modelOf(instance);
    return instance.chosenFlows.stream().map(model::flow).toList();
  }

  private void take(SequenceFlow flow, ElementInstance scope) {
    if (!runtime.joins().arrived(scope, flow)) {
      return; // an interrupting event sub-process cancelled it on the way
    }
    if (!scope.isActive()) {
      return;
    }
    if (!flow.isLink()) {
      state.processInstances.get(scope.processInstanceKey).takenFlows.add(flow.id());
    }
    FlowNode target = flow.target();
    if (!target.isJoin()) {
      runtime.activation().activate(target, scope);
      return;
    }
    scope.joinTokens.merge(flow.id(), 1, Integer::sum);
    tryJoin(target, scope);
  }

  private void tryJoin(FlowNode gateway, ElementInstance scope) {
    if (runtime.joins().join(gateway, scope)) {
      runtime.activation().activate(gateway, scope);
    }
  }

  private void recheckInclusiveJoins(ElementInstance scope) {
    for (FlowNode gateway : runtime.joins().inclusiveGatewaysWaiting(scope)) {
      agenda.add(() -> tryJoin(gateway, scope));
    }
  }

  private void afterChildEnded(ElementInstance scope) {
    if (!scope.isActive()) {
      return;
    }
    recheckInclusiveJoins(scope);
    agenda.add(
        () -> {
          if (scope.isActive() && scope.isScopeIdle() && !runtime.joins().hasInFlight(scope)) {
            completeScope(scope);
          }
        });
  }
}
