package io.rollgate.engine.internal.processor;

import io.rollgate.engine.internal.model.ElementType;
import io.rollgate.engine.internal.model.ExecutionListenerEvent;
import io.rollgate.engine.internal.model.FlowNode;
import io.rollgate.engine.internal.state.ElementInstance;
import io.rollgate.engine.internal.state.EngineState;
import io.rollgate.engine.internal.state.IncidentErrorType;
import io.rollgate.engine.internal.state.PendingStep;
import io.rollgate.engine.internal.state.ProcessDefinition;
import io.rollgate.engine.internal.state.ProcessInstance;
import java.util.List;
import java.util.Map;

/**
 * How elements start: process instances from a start event, elements entered by a flow or an event,
 * event sub-processes and compensation handlers. An element's activation applies its input
 * mappings, runs its start listeners, opens its boundary events and then hands it to the behaviour
 * of its kind; the activations of one command are bounded (see {@link Limits}).
 */
final class ElementActivation {
  private final EngineState state;
  private final Runtime runtime;
  private final Agenda agenda;
  private int activations;
  private int maxActivations = Limits.DEFAULT_MAX_ACTIVATIONS;

  ElementActivation(EngineState state, Runtime runtime, Agenda agenda) {
    this.state = state;
    this.runtime = runtime;
    this.agenda = agenda;
  }

  /** A new command starts: it may activate as many elements as the bound allows. */
  void newCommand() {
    activations = 0;
  }

  /** Bounds the element activations of one command: see {@link Limits}. */
  void maxActivationsPerCommand(int max) {
    this.maxActivations = max;
  }

  /** Starts an instance of the process at {@code start}, after the process's start listeners. */
  ProcessInstance startInstance(
      ProcessDefinition definition, Map<String, Object> initial, FlowNode start) {
    ProcessInstance instance = new ProcessInstance();
    instance.key = state.nextKey();
    instance.processDefinitionKey = definition.key;
    instance.processId = definition.processId;
    instance.processName = definition.name;
    instance.version = definition.version;
    instance.versionTag = definition.versionTag;
    instance.tenantId = definition.tenantId;
    instance.startDate = runtime.now();
    state.processInstances.put(instance.key, instance);

    ElementInstance root = new ElementInstance();
    root.key = instance.key;
    root.processInstanceKey = instance.key;
    root.processDefinitionKey = definition.key;
    root.processId = definition.processId;
    root.tenantId = definition.tenantId;
    root.elementId = definition.processId;
    root.elementName = definition.name;
    root.type = ElementType.PROCESS;
    root.startDate = runtime.now();
    state.elementInstances.put(root.key, root);

    runtime.variables().setAllLocal(root.key, initial);
    runtime.subscriptions().openEventSubProcessTriggers(root, definition.model.root());
    if (definition.model.root().executionListeners(ExecutionListenerEvent.START).isEmpty()) {
      agenda.add(() -> activate(start, root));
    } else {
      root.startElementId = start.id();
      agenda.add(() -> runtime.executionListeners().begin(root, ExecutionListenerEvent.START));
    }
    return instance;
  }

  /**
   * An event sub-process's trigger happened in its scope: an interrupting one ends everything else
   * in the scope first; then the event sub-process runs from its start event.
   */
  void triggerEventSubProcess(ElementInstance scope, FlowNode start, Map<String, Object> received) {
    if (!scope.isActive()) {
      return;
    }
    if (start.interrupting()) {
      runtime.subscriptions().closeAll(scope);
      for (long child : List.copyOf(scope.activeChildren)) {
        runtime.termination().terminate(state.elementInstances.get(child));
      }
      scope.joinTokens.clear();
      runtime.joins().dropInFlight(scope);
    }
    ElementInstance eventSubProcess = enter(start.flowScope(), scope);
    ElementInstance startInstance = enter(start, eventSubProcess);
    if (received != null && !received.isEmpty()) {
      runtime.variables().mergeResult(startInstance, start, received);
    }
    runtime.completeLater(startInstance);
  }

  /** Enters the node in the scope and activates it (its multi-instance body, if it has one). */
  void activate(FlowNode node, ElementInstance scope) {
    if (node.multiInstance() != null) {
      runtime.multiInstances().activateBody(node, scope);
      return;
    }
    run(enter(node, scope), node);
  }

  /**
   * Starts a compensation handler in the scope of the compensation throw event, with the local
   * variables the compensated activity instance had (for an inner instance of a multi-instance
   * activity: its input element and {@code loopCounter}).
   */
  void activateCompensationHandler(
      FlowNode handler, ElementInstance scope, ElementInstance compensated, long throwKey) {
    ElementInstance instance = enter(handler, scope);
    instance.compensationThrowKey = throwKey;
    state
        .localVariables(compensated.key)
        .forEach(
            (name, variable) -> runtime.variables().setLocal(instance.key, name, variable.value));
    if (handler.multiInstance() != null) {
      instance.type = ElementType.MULTI_INSTANCE_BODY;
      agenda.add(() -> runtime.multiInstances().runBody(instance, handler));
    } else {
      agenda.add(() -> run(instance, handler));
    }
  }

  /** Enters a boundary event (or other catching event) with the variables it received. */
  void activateEvent(FlowNode event, ElementInstance scope, Map<String, Object> received) {
    if (!scope.isActive()) {
      return;
    }
    ElementInstance instance = enter(event, scope);
    if (received != null && !received.isEmpty()) {
      runtime.variables().mergeResult(instance, event, received);
    }
    run(instance, event);
  }

  /** A new active element instance of the node, as a child of the scope. */
  ElementInstance enter(FlowNode node, ElementInstance scope) {
    ElementInstance instance = new ElementInstance();
    instance.key = state.nextKey();
    instance.processInstanceKey = scope.processInstanceKey;
    instance.processDefinitionKey = scope.processDefinitionKey;
    instance.processId = scope.processId;
    instance.tenantId = scope.tenantId;
    instance.elementId = node.id();
    instance.elementName = node.name();
    instance.type = node.type();
    instance.startDate = runtime.now();
    instance.flowScopeKey = scope.key;
    state.add(instance);
    scope.activeChildren.add(instance.key);
    return instance;
  }

  /**
   * Runs an entered element's activation: input mappings, start listeners, boundary events, then
   * its behaviour. Also where an activation goes on after its start listeners or an incident.
   */
  void run(ElementInstance instance, FlowNode node) {
    if (++activations > maxActivations) {
      // A cycle without a wait state would run until memory runs out; resolving goes on.
      runtime
          .incidents()
          .fail(
              instance,
              PendingStep.ACTIVATE,
              IncidentErrorType.UNKNOWN,
              "More than "
                  + maxActivations
                  + " elements were activated by one command: the flow loops without a wait"
                  + " state. Resolve the incident to go on for as many again.");
      return;
    }
    if (!instance.startListenersDone) {
      // input mappings first, so that the start listeners see the element's local variables
      if (!runtime.mappings().applyInputs(instance, node)) {
        return;
      }
      if (!node.executionListeners(ExecutionListenerEvent.START).isEmpty()) {
        runtime.executionListeners().begin(instance, ExecutionListenerEvent.START);
        return;
      }
    }
    if (!runtime.multiInstances().isInner(instance)
        && !runtime.subscriptions().openBoundarySubscriptions(instance, node)) {
      return;
    }
    runtime.behaviors().of(node).activate(instance, node);
  }
}
