package io.rollgate.engine.internal.processor;

import io.rollgate.engine.internal.feel.Feel;
import io.rollgate.engine.internal.model.ElementType;
import io.rollgate.engine.internal.model.FlowNode;
import io.rollgate.engine.internal.model.ProcessModel;
import io.rollgate.engine.internal.state.ElementInstance;
import io.rollgate.engine.internal.state.EngineState;
import io.rollgate.engine.internal.state.Incident;
import io.rollgate.engine.internal.state.Job;
import io.rollgate.engine.internal.state.Message;
import io.rollgate.engine.internal.state.ProcessDefinition;
import io.rollgate.engine.internal.state.ProcessInstance;
import io.rollgate.engine.internal.state.State;
import io.rollgate.engine.internal.state.Timer;
import io.rollgate.engine.internal.state.UserTask;
import java.util.Map;

/**
 * BPMN execution semantics, reached through one object: it wires the parts (elements start in
 * {@link ElementActivation} and end in {@link ElementCompletion}, each kind behaves as its {@link
 * ElementBehavior}; jobs, listeners, incidents, events and scopes have a class each) and offers the
 * commands' entry points. Work caused by one command runs to quiescence through the {@link Agenda},
 * so a command is applied completely or (on a failing expression) stops at an incident; never
 * half-way.
 */
final class Runtime {
  private final EngineState state;
  private final Feel feel;
  private final Agenda agenda = new Agenda();
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
  private final TaskListeners taskListeners;
  private final Timers timers;
  private final MultiInstances multiInstances;
  private final Signals signals;
  private final CallActivities callActivities;
  private final Decisions decisions;
  private final Compensations compensations;
  private final ElementBehaviors behaviors;
  private final ElementActivation activation;
  private final ElementCompletion completion;
  private final JobResults jobResults;
  private final IncidentResolution incidentResolution;

  private long now;

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
    this.taskListeners = new TaskListeners(state, variables, this);
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
    this.termination = new Termination(state, taskListeners, subscriptions, this);
    this.behaviors = new ElementBehaviors(this);
    this.activation = new ElementActivation(state, this, agenda);
    this.completion = new ElementCompletion(state, this, agenda);
    this.jobResults = new JobResults(state, this, agenda);
    this.incidentResolution = new IncidentResolution(state, this, agenda);
  }

  // ---- the parts --------------------------------------------------------------------------

  EngineState state() {
    return state;
  }

  Feel feel() {
    return feel;
  }

  ElementActivation activation() {
    return activation;
  }

  ElementCompletion completion() {
    return completion;
  }

  ElementBehaviors behaviors() {
    return behaviors;
  }

  IoMappings mappings() {
    return mappings;
  }

  ExecutionListeners executionListeners() {
    return executionListeners;
  }

  MultiInstances multiInstances() {
    return multiInstances;
  }

  Joins joins() {
    return joins;
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

  TaskListeners taskListeners() {
    return taskListeners;
  }

  Timers timers() {
    return timers;
  }

  MessageCorrelator correlator() {
    return correlator;
  }

  // ---- time -------------------------------------------------------------------------------

  /** Sets the command time all timestamps and deadlines of the next operations use. */
  void at(long now) {
    this.now = now;
    activation.newCommand();
  }

  /** Bounds the element activations of one command: see {@link Limits}. */
  void maxActivationsPerCommand(int max) {
    activation.maxActivationsPerCommand(max);
  }

  long now() {
    return now;
  }

  // ---- entry points: each runs the work it causes to quiescence ----------------------------

  ProcessInstance createInstance(ProcessDefinition definition, Map<String, Object> initial) {
    ProcessInstance instance =
        activation.startInstance(definition, initial, definition.model.root().noneStart());
    agenda.run();
    return instance;
  }

  /** A person completed a user task: its variables are handed back as a job's would be. */
  void completeUserTask(UserTask task, Map<String, Object> result) {
    userTasks.complete(task, result);
    agenda.run();
  }

  /** A timer is due: its event happens. */
  void trigger(Timer timer) {
    timers.trigger(timer);
    agenda.run();
  }

  /** Broadcasts a signal to every waiting element and signal start event. */
  void broadcast(String name, Map<String, Object> signalVariables) {
    signals.broadcast(name, signalVariables);
    agenda.run();
  }

  /** Publishes a message: delivered, starting processes, and kept for its time to live. */
  Message publish(Message message) {
    correlator.publish(message, false);
    agenda.run();
    return message;
  }

  /**
   * Correlates a message to one subscription or message start event, without keeping it.
   *
   * @return the process instance it reached
   */
  long correlate(Message message) {
    correlator.publish(message, true);
    agenda.run();
    return message.correlatedInstances.iterator().next();
  }

  void completeJob(Job job, Map<String, Object> result, Command.UserTaskResult taskResult) {
    jobResults.complete(job, result, taskResult);
    agenda.run();
  }

  void throwJobError(Job job, String code, String message, Map<String, Object> vars) {
    jobResults.throwError(job, code, message, vars);
    agenda.run();
  }

  void resolve(Incident incident) {
    incidentResolution.resolve(incident);
    agenda.run();
  }

  void cancel(ProcessInstance instance) {
    termination.terminate(state.elementInstances.get(instance.key));
    completion.finishProcess(instance, State.TERMINATED);
  }

  // ---- planned work -----------------------------------------------------------------------

  /** Runs an element's activation once the work in progress is done. */
  void activateLater(ElementInstance instance, FlowNode node) {
    agenda.add(() -> activation.run(instance, node));
  }

  /** Enters a node in a scope once the work in progress is done. */
  void enterLater(FlowNode node, ElementInstance scope) {
    agenda.add(() -> activation.activate(node, scope));
  }

  /** Completes the element once the work in progress is done. */
  void completeLater(ElementInstance instance) {
    agenda.add(() -> completion.complete(instance));
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
