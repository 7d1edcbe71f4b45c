package io.rollgate.engine.internal.processor;

import io.rollgate.engine.internal.feel.Feel;
import io.rollgate.engine.internal.model.ElementType;
import io.rollgate.engine.internal.model.ExecutionListenerEvent;
import io.rollgate.engine.internal.model.FlowNode;
import io.rollgate.engine.internal.model.ProcessModel;
import io.rollgate.engine.internal.model.SequenceFlow;
import io.rollgate.engine.internal.state.ElementInstance;
import io.rollgate.engine.internal.state.EngineState;
import io.rollgate.engine.internal.state.Incident;
import io.rollgate.engine.internal.state.IncidentErrorType;
import io.rollgate.engine.internal.state.IncidentState;
import io.rollgate.engine.internal.state.Job;
import io.rollgate.engine.internal.state.JobState;
import io.rollgate.engine.internal.state.Message;
import io.rollgate.engine.internal.state.PendingStep;
import io.rollgate.engine.internal.state.ProcessDefinition;
import io.rollgate.engine.internal.state.ProcessInstance;
import io.rollgate.engine.internal.state.State;
import io.rollgate.engine.internal.state.ThrownError;
import io.rollgate.engine.internal.state.Timer;
import io.rollgate.engine.internal.state.UserTask;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * BPMN execution semantics: token flow through activities, gateways, scopes and error events. Work
 * caused by one command runs to quiescence through an agenda, so a command is applied completely or
 * (on a failing expression) stops at an incident; never half-way.
 */
final class Runtime {
  private final EngineState state;
  private final Feel feel;
  private final Variables variables;
  private final Incidents incidents;
  private final Jobs jobs;
  private final IoMappings mappings;
  private final ExecutionListeners executionListeners;
  private final EventSubscriptions subscriptions;
  private final ErrorPropagation errors;
  private final Termination termination;
  private final Joins joins;
  private final Outcomes outcomes;
  private final MessageCorrelator correlator;
  private final UserTasks userTasks;
  private final Timers timers;
  private final MultiInstances multiInstances;
  private final Signals signals;
  private final CallActivities callActivities;
  private final Decisions decisions;
  private final Compensations compensations;
  private final ElementBehaviors behaviors;
  private final Deque<Runnable> agenda = new ArrayDeque<>();

  private long now;
  private int activations;
  private int maxActivations = Limits.DEFAULT_MAX_ACTIVATIONS;

  Runtime(EngineState state, Feel feel, Outcomes outcomes) {
    this.state = state;
    this.feel = feel;
    this.variables = new Variables(state);
    this.outcomes = outcomes;
    this.incidents = new Incidents(state, this::now);
    this.joins = new Joins(state, this::nodeOf);
    this.jobs = new Jobs(state, feel, variables, incidents, outcomes, this::now);
    this.executionListeners = new ExecutionListeners(variables, jobs, this::nodeOf);
    this.correlator = new MessageCorrelator(state, this);
    this.userTasks = new UserTasks(state, feel, variables, this);
    this.timers = new Timers(state, feel, variables, this);
    this.multiInstances = new MultiInstances(state, feel, variables, this);
    this.mappings = new IoMappings(feel, variables, multiInstances, incidents);
    this.signals = new Signals(state, feel, this);
    this.callActivities = new CallActivities(state, feel, variables, this);
    this.decisions = new Decisions(state, this, feel);
    this.compensations = new Compensations(state, this);
    this.subscriptions =
        new EventSubscriptions(
            state, feel, variables, timers, signals, correlator, incidents, this);
    this.errors = new ErrorPropagation(state, feel, variables, multiInstances, incidents, this);
    this.termination = new Termination(state, userTasks, subscriptions, this);
    this.behaviors = new ElementBehaviors(this);
  }

  EngineState state() {
    return state;
  }

  Feel feel() {
    return feel;
  }

  Signals signals() {
    return signals;
  }

  CallActivities callActivities() {
    return callActivities;
  }

  Compensations compensations() {
    return compensations;
  }

  Decisions decisions() {
    return decisions;
  }

  EventSubscriptions subscriptions() {
    return subscriptions;
  }

  ErrorPropagation errors() {
    return errors;
  }

  Jobs jobs() {
    return jobs;
  }

  Termination termination() {
    return termination;
  }

  Incidents incidents() {
    return incidents;
  }

  Variables variables() {
    return variables;
  }

  Outcomes outcomes() {
    return outcomes;
  }

  UserTasks userTasks() {
    return userTasks;
  }

  /** Sets the command time all timestamps and deadlines of the next operations use. */
  void at(long now) {
    this.now = now;
    this.activations = 0;
  }

  /** Bounds the element activations of one command: see {@link Limits}. */
  void maxActivationsPerCommand(int max) {
    this.maxActivations = max;
  }

  long now() {
    return now;
  }

  // ---- entry points -----------------------------------------------------------------------

  ProcessInstance createInstance(ProcessDefinition definition, Map<String, Object> initial) {
    ProcessInstance instance =
        startInstance(definition, initial, definition.model.root().noneStart());
    run();
    return instance;
  }

  /** A person completed a user task: its variables are handed back as a job's would be. */
  void completeUserTask(UserTask task, Map<String, Object> result) {
    userTasks.complete(task, result);
    run();
  }

  Timers timers() {
    return timers;
  }

  /** A timer is due: its event happens. */
  void trigger(Timer timer) {
    timers.trigger(timer);
    run();
  }

  /** Runs an element's activation once the work in progress is done. */
  void activateLater(ElementInstance instance, FlowNode node) {
    agenda.add(() -> runActivation(instance, node));
  }

  /** Enters a node in a scope once the work in progress is done. */
  void enterLater(FlowNode node, ElementInstance scope) {
    agenda.add(() -> activate(node, scope));
  }

  /** Broadcasts a signal to every waiting element and signal start event. */
  void broadcast(String name, Map<String, Object> signalVariables) {
    signals.broadcast(name, signalVariables);
    run();
  }

  /** Completes the element once the work in progress is done. */
  void completeLater(ElementInstance instance) {
    agenda.add(() -> complete(instance));
  }

  /** Publishes a message: delivered, starting processes, and kept for its time to live. */
  Message publish(Message message) {
    correlator.publish(message, false);
    run();
    return message;
  }

  /**
   * Correlates a message to one subscription or message start event, without keeping it.
   *
   * @return the process instance it reached
   */
  long correlate(Message message) {
    correlator.publish(message, true);
    run();
    return message.correlatedInstances.iterator().next();
  }

  MessageCorrelator correlator() {
    return correlator;
  }

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
    instance.startDate = now;
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
    root.startDate = now;
    state.elementInstances.put(root.key, root);

    variables.setAllLocal(root.key, initial);
    subscriptions.openEventSubProcessTriggers(root, definition.model.root());
    if (definition.model.root().executionListeners(ExecutionListenerEvent.START).isEmpty()) {
      agenda.add(() -> activate(start, root));
    } else {
      root.startElementId = start.id();
      agenda.add(() -> executionListeners.begin(root, ExecutionListenerEvent.START));
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
      subscriptions.closeAll(scope);
      for (long child : List.copyOf(scope.activeChildren)) {
        termination.terminate(state.elementInstances.get(child));
      }
      scope.joinTokens.clear();
      joins.dropInFlight(scope);
    }
    ElementInstance eventSubProcess = enter(start.flowScope(), scope);
    ElementInstance startInstance = enter(start, eventSubProcess);
    if (received != null && !received.isEmpty()) {
      variables.mergeResult(startInstance, start, received);
    }
    agenda.add(() -> complete(startInstance));
  }

  void completeJob(Job job, Map<String, Object> result, Command.UserTaskResult taskResult) {
    job.state = JobState.COMPLETED;
    job.endTime = now;
    job.activated = false;
    state.jobQueue.remove(job);
    if (job.kind == UserTasks.LISTENER_KIND) {
      userTasks.listenerCompleted(job, taskResult);
      run();
      return;
    }
    ElementInstance instance = state.elementInstances.get(job.elementInstanceKey);
    if (job.kind == ExecutionListeners.KIND) {
      ExecutionListenerEvent finished = executionListeners.completed(instance, result);
      if (finished != null) {
        afterListeners(instance, finished);
      }
      run();
      return;
    }
    FlowNode node = nodeOf(instance);
    variables.mergeResult(instance, node, result);
    agenda.add(() -> complete(instance));
    run();
  }

  void throwJobError(Job job, String code, String message, Map<String, Object> vars) {
    job.state = JobState.ERROR_THROWN;
    job.errorCode = code;
    job.errorMessage = message;
    job.activated = false;
    state.jobQueue.remove(job);
    ElementInstance instance = state.elementInstances.get(job.elementInstanceKey);
    ThrownError error = new ThrownError(code, message, vars);
    if (!errors.throwError(instance, error)) {
      Incident incident = state.incidents.get(instance.incidentKey);
      incident.jobKey = job.key;
      job.incidentKey = incident.key;
    }
    run();
  }

  void cancel(ProcessInstance instance) {
    termination.terminate(state.elementInstances.get(instance.key));
    finishProcess(instance, State.TERMINATED);
  }

  void resolve(Incident incident) {
    incident.state = IncidentState.RESOLVED;
    ElementInstance instance = state.elementInstances.get(incident.elementInstanceKey);
    instance.incidentKey = null;
    state.processInstances.get(incident.processInstanceKey).activeIncidents--;
    if (incident.jobKey != null) {
      Job job = state.jobs.get(incident.jobKey);
      job.incidentKey = null;
      if (job.state == JobState.ERROR_THROWN) {
        job.state = JobState.CREATED;
      }
      state.jobQueue.makeReady(job);
      outcomes.jobsAvailable(job.type);
      return;
    }
    PendingStep step = instance.pendingStep;
    instance.pendingStep = null;
    if (step == PendingStep.ACTIVATE) {
      agenda.add(
          () -> {
            if (instance.type == ElementType.MULTI_INSTANCE_BODY) {
              multiInstances.runBody(instance, nodeOf(instance));
            } else {
              runActivation(instance, nodeOf(instance));
            }
          });
    } else if (step == PendingStep.COMPLETE) {
      agenda.add(() -> complete(instance));
    } else if (step == PendingStep.TASK_LISTENER) {
      agenda.add(() -> userTasks.createListenerJob(state.userTasks.get(instance.userTaskKey)));
    } else if (step == PendingStep.EXECUTION_LISTENER) {
      agenda.add(() -> executionListeners.createJob(instance));
    } else if (step == PendingStep.THROW_ERROR) {
      ThrownError error = instance.thrownError;
      instance.thrownError = null;
      agenda.add(() -> errors.throwError(instance, error));
    }
    run();
  }

  // ---- token flow -------------------------------------------------------------------------

  private void run() {
    Runnable next;
    while ((next = agenda.poll()) != null) {
      next.run();
    }
  }

  void activate(FlowNode node, ElementInstance scope) {
    if (node.multiInstance() != null) {
      multiInstances.activateBody(node, scope);
      return;
    }
    runActivation(enter(node, scope), node);
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
        .forEach((name, variable) -> variables.setLocal(instance.key, name, variable.value));
    if (handler.multiInstance() != null) {
      instance.type = ElementType.MULTI_INSTANCE_BODY;
      agenda.add(() -> multiInstances.runBody(instance, handler));
    } else {
      agenda.add(() -> runActivation(instance, handler));
    }
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
    instance.startDate = now;
    instance.flowScopeKey = scope.key;
    state.add(instance);
    scope.activeChildren.add(instance.key);
    return instance;
  }

  private void runActivation(ElementInstance instance, FlowNode node) {
    if (++activations > maxActivations) {
      // A cycle without a wait state would run until memory runs out; resolving goes on.
      incidents.fail(
          instance,
          PendingStep.ACTIVATE,
          IncidentErrorType.UNKNOWN,
          "More than "
              + maxActivations
              + " elements were activated by one command: the flow loops without a wait state."
              + " Resolve the incident to go on for as many again.");
      return;
    }
    if (!instance.startListenersDone) {
      // input mappings first, so that the start listeners see the element's local variables
      if (!mappings.applyInputs(instance, node)) {
        return;
      }
      if (!node.executionListeners(ExecutionListenerEvent.START).isEmpty()) {
        executionListeners.begin(instance, ExecutionListenerEvent.START);
        return;
      }
    }
    if (!multiInstances.isInner(instance)
        && !subscriptions.openBoundarySubscriptions(instance, node)) {
      return;
    }
    behaviors.of(node).activate(instance, node);
  }

  private void complete(ElementInstance instance) {
    if (!instance.isActive()) {
      return;
    }
    FlowNode node = nodeOf(instance);
    boolean body = instance.type == ElementType.MULTI_INSTANCE_BODY;
    if (!instance.endListenersDone) {
      // output mappings first, so that the end listeners see what they merged
      if (!body && !mappings.applyOutputs(instance, node)) {
        return;
      }
      if (!node.executionListeners(ExecutionListenerEvent.END).isEmpty()) {
        executionListeners.begin(instance, ExecutionListenerEvent.END);
        return;
      }
    }
    if (body && node.multiInstance().outputCollection() != null) {
      String name = node.multiInstance().outputCollection();
      variables.setPropagating(
          instance.flowScopeKey, name, state.localVariables(instance.key).get(name).value);
    }
    subscriptions.closeAll(instance);
    instance.state = State.COMPLETED;
    instance.endDate = now;
    ElementInstance scope = state.elementInstances.get(instance.flowScopeKey);
    scope.activeChildren.remove(instance.key);
    compensations.completed(instance, node, scope);
    if (instance.compensationThrowKey != null) {
      compensations.handlerCompleted(instance);
    }
    if (multiInstances.isInner(instance)) {
      multiInstances.innerCompleted(scope, instance, node);
      return;
    }
    List<SequenceFlow> outgoing = outgoingOf(instance, node);
    for (SequenceFlow flow : outgoing) {
      joins.taken(scope, flow);
      agenda.add(() -> take(flow, scope));
    }
    if (outgoing.isEmpty()) {
      agenda.add(() -> afterChildEnded(scope));
    } else {
      recheckInclusiveJoins(scope);
    }
  }

  private List<SequenceFlow> outgoingOf(ElementInstance instance, FlowNode node) {
    if (instance.chosenFlows == null) {
      return node.outgoing();
    }
    ProcessModel model = modelOf(instance);
    return instance.chosenFlows.stream().map(model::flow).toList();
  }

  private void take(SequenceFlow flow, ElementInstance scope) {
    if (!joins.arrived(scope, flow)) {
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
      activate(target, scope);
      return;
    }
    scope.joinTokens.merge(flow.id(), 1, Integer::sum);
    tryJoin(target, scope);
  }

  private void tryJoin(FlowNode gateway, ElementInstance scope) {
    if (joins.join(gateway, scope)) {
      activate(gateway, scope);
    }
  }

  private void recheckInclusiveJoins(ElementInstance scope) {
    for (FlowNode gateway : joins.inclusiveGatewaysWaiting(scope)) {
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
          if (scope.isActive() && scope.isScopeIdle() && !joins.hasInFlight(scope)) {
            completeScope(scope);
          }
        });
  }

  private void completeScope(ElementInstance scope) {
    if (scope.type == ElementType.PROCESS) {
      if (!scope.endListenersDone
          && !nodeOf(scope).executionListeners(ExecutionListenerEvent.END).isEmpty()) {
        executionListeners.begin(scope, ExecutionListenerEvent.END);
        return;
      }
      subscriptions.closeAll(scope);
      scope.state = State.COMPLETED;
      scope.endDate = now;
      finishProcess(state.processInstances.get(scope.key), State.COMPLETED);
    } else {
      complete(scope);
    }
  }

  private void finishProcess(ProcessInstance instance, State end) {
    if (end == State.COMPLETED && instance.parentElementInstanceKey != null) {
      callActivities.returnToCaller(instance);
    }
    if (instance.startCorrelationKey != null) {
      state.messageStartedInstances.remove(
          EngineState.messageKey(instance.processId, instance.startCorrelationKey));
    }
    instance.state = end;
    instance.endDate = now;
    outcomes.processEnded(instance);
  }

  // ---- execution listeners ----------------------------------------------------------------

  /** The element goes on where its execution listeners of the event held it. */
  private void afterListeners(ElementInstance instance, ExecutionListenerEvent event) {
    FlowNode node = nodeOf(instance);
    boolean process = instance.type == ElementType.PROCESS;
    if (event == ExecutionListenerEvent.START) {
      instance.startListenersDone = true;
      if (process) {
        FlowNode start = modelOf(instance).node(instance.startElementId);
        agenda.add(() -> activate(start, instance));
      } else {
        agenda.add(() -> runActivation(instance, node));
      }
    } else {
      instance.endListenersDone = true;
      if (process) {
        agenda.add(() -> completeScope(instance));
      } else {
        agenda.add(() -> complete(instance));
      }
    }
  }

  // ---- termination and errors -------------------------------------------------------------

  /** Enters a boundary event (or other catching event) with the variables it received. */
  void activateEvent(FlowNode event, ElementInstance scope, Map<String, Object> received) {
    if (!scope.isActive()) {
      return;
    }
    ElementInstance instance = enter(event, scope);
    if (received != null && !received.isEmpty()) {
      variables.mergeResult(instance, event, received);
    }
    runActivation(instance, event);
  }

  // ---- lookups ----------------------------------------------------------------------------

  ProcessModel modelOf(ElementInstance instance) {
    return state.definitions.get(instance.processDefinitionKey).model;
  }

  FlowNode nodeOf(ElementInstance instance) {
    ProcessModel model = modelOf(instance);
    return instance.type == ElementType.PROCESS ? model.root() : model.node(instance.elementId);
  }
}
