package io.rollgate.engine.internal.processor;

import io.rollgate.engine.internal.api.Json;
import io.rollgate.engine.internal.api.Views;
import io.rollgate.engine.internal.api.DecisionViews;
import io.rollgate.engine.internal.api.JobViews;
import io.rollgate.engine.internal.decision.Dmn;
import io.rollgate.engine.internal.feel.Feel;
import io.rollgate.engine.internal.model.InvalidModelException;
import io.rollgate.engine.internal.model.ModelTransformer;
import io.rollgate.engine.internal.model.ProcessModel;
import io.rollgate.engine.internal.model.TaskListenerEvent;
import io.rollgate.engine.internal.state.DecisionDefinition;
import io.rollgate.engine.internal.state.ElementInstance;
import io.rollgate.engine.internal.state.EngineState;
import io.rollgate.engine.internal.state.FormDefinition;
import io.rollgate.engine.internal.state.Incident;
import io.rollgate.engine.internal.state.Job;
import io.rollgate.engine.internal.state.JobState;
import io.rollgate.engine.internal.state.Message;
import io.rollgate.engine.internal.state.ProcessDefinition;
import io.rollgate.engine.internal.state.ProcessInstance;
import io.rollgate.engine.internal.state.State;
import io.rollgate.engine.internal.state.Timer;
import io.rollgate.engine.internal.state.UserTask;
import io.rollgate.engine.internal.state.UserTaskState;
import io.rollgate.engine.internal.state.UserTaskTransition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Applies commands to the state. Each handler first checks everything that could reject the command
 * and throws {@link EngineException} before it changes anything, so a rejected command leaves no
 * trace and need not be journaled.
 */
final class CommandHandler {
  static final String DEFAULT_TENANT = "<default>";

  private final EngineState state;
  private final Runtime runtime;
  private final ModelTransformer transformer;
  private final EngineClock clock;
  private boolean activationChangedState;
  private final Outcomes outcomes;
  private final CommandHandlers handlers;

  CommandHandler(EngineState state, Feel feel, Outcomes outcomes, EngineClock clock) {
    this.state = state;
    this.outcomes = outcomes;
    this.clock = clock;
    this.runtime = new Runtime(state, feel, outcomes);
    this.transformer = new ModelTransformer(feel);
    this.handlers = handlers();
  }

  /** The latest job deadline: the end of year 9999, as far as dates are written. */
  static final long LATEST_DEADLINE = Instant.parse("9999-12-31T23:59:59Z").toEpochMilli();

  /** {@code now + timeout}, capped at {@link #LATEST_DEADLINE} instead of overflowing. */
  static long deadline(long now, long timeout) {
    return timeout >= LATEST_DEADLINE - now ? LATEST_DEADLINE : now + timeout;
  }

  Runtime runtime() {
    return runtime;
  }

  /**
   * Whether the last job activation changed state: it handed out jobs, or found held or backing-off
   * jobs whose time had come. Only then does it need to be journaled.
   */
  boolean activationChangedState() {
    return activationChangedState;
  }

  ModelTransformer transformer() {
    return transformer;
  }

  /** Applies a command at the given time and returns the response body (or null for 204). */
  Object apply(Command command, long now) {
    runtime.at(now);
    return handlers.apply(command);
  }

  /** One handler per kind of command; {@link CommandHandlers} refuses a command left out. */
  private CommandHandlers handlers() {
    return new CommandHandlers()
        .on(Command.Deploy.class, this::deploy)
        .on(Command.CreateInstance.class, this::create)
        .on(Command.CancelInstance.class, this::cancel)
        .on(Command.SetVariables.class, this::setVariables)
        .on(Command.ActivateJobs.class, this::activate)
        .on(Command.CompleteJob.class, this::completeJob)
        .on(Command.FailJob.class, this::failJob)
        .on(Command.ThrowError.class, this::throwError)
        .on(Command.UpdateJob.class, this::updateJob)
        .on(Command.ResolveIncident.class, this::resolve)
        .on(Command.PinClock.class, c -> clock(() -> clock.pin(c.epochMillis())))
        .on(Command.AdvanceClock.class, c -> clock(() -> clock.add(c.offsetMillis())))
        .on(Command.ResetClock.class, c -> clock(clock::reset))
        .on(Command.PublishMessage.class, this::publish)
        .on(Command.CorrelateMessage.class, this::correlate)
        .on(Command.AssignUserTask.class, this::assign)
        .on(Command.UpdateUserTask.class, this::update)
        .on(Command.CompleteUserTask.class, this::completeUserTask)
        .on(Command.BroadcastSignal.class, this::broadcast)
        .on(Command.EvaluateDecision.class, this::evaluateDecision)
        .on(Command.TriggerTimer.class, this::trigger)
        .on(Command.ReleaseJobs.class, this::releaseJobs)
        .on(Command.RemoveHistory.class, c -> History.remove(state, c.processInstanceKeys()))
        .on(Command.Purge.class, c -> purge())
        .complete();
  }

  private Views.ClockView clock(Runnable change) {
    change.run();
    return Views.clock(clock.millis());
  }

  private Views.SignalBroadcast broadcast(Command.BroadcastSignal command) {
    if (command.name() == null || command.name().isBlank()) {
      throw EngineException.invalidArgument("signalName is required: the signal to broadcast.");
    }
    long key = state.nextKey();
    runtime.broadcast(command.name(), command.variables());
    return new Views.SignalBroadcast(DEFAULT_TENANT, Long.toString(key));
  }

  private Views.PurgeResult purge() {
    state.purge();
    return new Views.PurgeResult(state.changeId);
  }

  private Views.DeploymentResult deploy(Command.Deploy command) {
    if (command.resources().isEmpty()) {
      throw EngineException.invalidArgument("No resources given: add at least one BPMN file.");
    }
    record Parsed(Command.Resource resource, String checksum, List<ProcessModel> models) {}
    record ParsedForm(Command.Resource resource, String checksum, String formId) {}
    record ParsedDecisions(Command.Resource resource, String checksum, Dmn.Graph graph) {}
    List<Parsed> parsed = new ArrayList<>();
    List<ParsedForm> forms = new ArrayList<>();
    List<ParsedDecisions> decisionGraphs = new ArrayList<>();
    for (Command.Resource resource : command.resources()) {
      String name = resource.name() == null ? "" : resource.name();
      if (name.endsWith(".form")) {
        forms.add(
            new ParsedForm(resource, sha256(resource.content()), formId(name, resource.content())));
        continue;
      }
      if (name.endsWith(".dmn")) {
        decisionGraphs.add(
            new ParsedDecisions(
                resource,
                sha256(resource.content()),
                runtime.decisions().parse(name, resource.content())));
        continue;
      }
      if (!name.endsWith(".bpmn") && !name.endsWith(".xml")) {
        throw EngineException.invalidArgument(
            "Cannot deploy '"
                + name
                + "': only BPMN (.bpmn, .xml), DMN (.dmn) and Camunda forms (.form) are"
                + " supported.");
      }
      try {
        parsed.add(
            new Parsed(
                resource,
                sha256(resource.content()),
                transformer.transform(name, resource.content())));
      } catch (InvalidModelException e) {
        throw EngineException.invalidArgument(e.getMessage());
      }
    }
    for (Parsed p : parsed) {
      p.models().forEach(runtime.timers()::checkStartTimers);
    }
    String tenant = command.tenantId() == null ? DEFAULT_TENANT : command.tenantId();
    long deploymentKey = state.nextKey();
    List<Views.DeploymentEntry> entries = new ArrayList<>();
    Map<String, Long> deployedForms = new LinkedHashMap<>();
    Map<String, Long> deployedDecisions = new LinkedHashMap<>();
    for (ParsedForm form : forms) {
      FormDefinition definition =
          registerForm(tenant, form.resource(), form.checksum(), form.formId());
      deployedForms.put(definition.formId, definition.key);
      entries.add(Views.deployed(definition));
    }
    for (ParsedDecisions d : decisionGraphs) {
      var registered =
          runtime
              .decisions()
              .register(
                  tenant, d.resource().name(), d.resource().content(), d.checksum(), d.graph());
      entries.add(Views.deployed(registered.graph()));
      registered
          .decisions()
          .forEach(
              decision -> {
                deployedDecisions.put(decision.decisionId, decision.key);
                entries.add(Views.deployed(decision));
              });
    }
    List<ProcessDefinition> registered = new ArrayList<>();
    for (Parsed p : parsed) {
      for (ProcessModel model : p.models()) {
        ProcessDefinition definition =
            register(deploymentKey, tenant, p.resource(), p.checksum(), model);
        registered.add(definition);
        entries.add(Views.deployed(definition));
      }
    }
    for (ProcessDefinition definition : registered) {
      if (definition.deploymentKey == deploymentKey) {
        registered.forEach(other -> definition.deployedWith.put(other.processId, other.key));
        definition.deployedDecisions.putAll(deployedDecisions);
        definition.deployedForms.putAll(deployedForms);
      }
    }
    return new Views.DeploymentResult(Long.toString(deploymentKey), tenant, entries);
  }

  private DecisionViews.DecisionEvaluation evaluateDecision(Command.EvaluateDecision command) {
    DecisionDefinition decision;
    if (command.decisionDefinitionKey() != null) {
      decision = state.decisions.get(command.decisionDefinitionKey());
      if (decision == null) {
        throw EngineException.notFound(
            "No decision definition with key '"
                + command.decisionDefinitionKey()
                + "' is deployed.");
      }
    } else if (command.decisionDefinitionId() != null
        && !command.decisionDefinitionId().isBlank()) {
      decision = runtime.decisions().latest(command.decisionDefinitionId());
      if (decision == null) {
        throw EngineException.notFound(
            "No decision with id '" + command.decisionDefinitionId() + "' is deployed.");
      }
    } else {
      throw EngineException.invalidArgument(
          "Give either decisionDefinitionId or decisionDefinitionKey: the decision to evaluate.");
    }
    var outcome =
        runtime
            .decisions()
            .evaluate(
                decision, command.variables() == null ? Map.of() : command.variables(), -1, -1, -1);
    return DecisionViews.evaluation(
        decision,
        state.decisionRequirements.get(decision.decisionRequirementsKey),
        outcome.evaluationKey(),
        outcome.evaluation(),
        outcome.instances());
  }

  /** The id of a Camunda form: its JSON's top-level {@code id}. */
  private static String formId(String name, byte[] content) {
    try {
      com.fasterxml.jackson.databind.JsonNode form = Json.MAPPER.readTree(content);
      if (form != null && form.path("id").isTextual() && !form.path("id").asText().isBlank()) {
        return form.path("id").asText();
      }
    } catch (IOException e) {
      throw EngineException.invalidArgument(
          "'" + name + "' cannot be deployed: it is not valid JSON: " + e.getMessage());
    }
    throw EngineException.invalidArgument(
        "'" + name + "' cannot be deployed: a Camunda form needs a top-level string 'id'.");
  }

  private FormDefinition registerForm(
      String tenant, Command.Resource resource, String checksum, String formId) {
    TreeMap<Integer, FormDefinition> versions = state.formsById.get(formId);
    FormDefinition latest = versions == null ? null : versions.lastEntry().getValue();
    if (latest != null && latest.checksum.equals(checksum)) {
      return latest;
    }
    FormDefinition form = new FormDefinition();
    form.key = state.nextKey();
    form.formId = formId;
    form.version = latest == null ? 1 : latest.version + 1;
    form.resourceName = resource.name();
    form.tenantId = tenant;
    form.schema = new String(resource.content(), StandardCharsets.UTF_8);
    form.checksum = checksum;
    state.add(form);
    return form;
  }

  private ProcessDefinition register(
      long deploymentKey,
      String tenant,
      Command.Resource resource,
      String checksum,
      ProcessModel model) {
    TreeMap<Integer, ProcessDefinition> versions = state.definitionsById.get(model.processId());
    ProcessDefinition latest = versions == null ? null : versions.lastEntry().getValue();
    if (latest != null && latest.checksum.equals(checksum)) {
      return latest;
    }
    ProcessDefinition definition = new ProcessDefinition();
    definition.key = state.nextKey();
    definition.deploymentKey = deploymentKey;
    definition.processId = model.processId();
    definition.name = model.name();
    definition.version = latest == null ? 1 : latest.version + 1;
    definition.versionTag = model.versionTag();
    definition.resourceName = resource.name();
    definition.tenantId = tenant;
    definition.xml = new String(resource.content(), StandardCharsets.UTF_8);
    definition.checksum = checksum;
    definition.model = model;
    state.add(definition);
    runtime.timers().replaceStartTimers(latest, definition);
    return definition;
  }

  /**
   * The answer to a user task command whose transition waits for task listeners: the request is
   * answered when the last listener completes or one denies it.
   */
  record AwaitingListeners(long userTaskKey) {}

  private UserTask openTask(long key, String action) {
    UserTask task = state.userTasks.get(key);
    if (task == null || task.state.isEnded()) {
      throw EngineException.notFound(
          "Expected to "
              + action
              + " user task with key '"
              + key
              + "', but no such user task was found");
    }
    if (task.state != UserTaskState.CREATED) {
      throw EngineException.invalidState(
          "Expected to "
              + action
              + " user task with key '"
              + key
              + "', but it is in state '"
              + task.state
              + "' while its task listeners run");
    }
    return task;
  }

  private Object assign(Command.AssignUserTask command) {
    UserTask task = openTask(command.userTaskKey(), "assign");
    if (!command.allowOverride()
        && task.assignee != null
        && command.assignee() != null
        && !task.assignee.equals(command.assignee())) {
      throw EngineException.invalidState(
          "Expected to assign user task with key '"
              + task.key
              + "', but it is already assigned to '"
              + task.assignee
              + "'; use allowOverride to reassign it");
    }
    String assignee =
        command.assignee() == null || command.assignee().isBlank() ? null : command.assignee();
    String action =
        command.action() != null ? command.action() : assignee == null ? "unassign" : "assign";
    UserTaskTransition t =
        runtime.userTasks().transition(task, TaskListenerEvent.ASSIGNING, action);
    t.assignee = assignee;
    t.changedAttributes = List.of("assignee");
    return transit(task, t);
  }

  private Object update(Command.UpdateUserTask command) {
    UserTask task = openTask(command.userTaskKey(), "update");
    Long due = UserTasks.parseDate("dueDate", command.dueDate());
    Long followUp = UserTasks.parseDate("followUpDate", command.followUpDate());
    if (command.priority() != null && (command.priority() < 0 || command.priority() > 100)) {
      throw EngineException.invalidArgument(
          "priority must be from 0 to 100, but was " + command.priority());
    }
    UserTaskTransition t =
        runtime
            .userTasks()
            .transition(
                task,
                TaskListenerEvent.UPDATING,
                command.action() == null ? "update" : command.action());
    List<String> changed = new ArrayList<>();
    if (command.candidateGroups() != null) {
      t.candidateGroups = List.copyOf(command.candidateGroups());
      changed.add("candidateGroups");
    }
    if (command.candidateUsers() != null) {
      t.candidateUsers = List.copyOf(command.candidateUsers());
      changed.add("candidateUsers");
    }
    if (command.dueDate() != null) {
      t.dueDate = due;
      changed.add("dueDate");
    }
    if (command.followUpDate() != null) {
      t.followUpDate = followUp;
      changed.add("followUpDate");
    }
    if (command.priority() != null) {
      t.priority = command.priority();
      changed.add("priority");
    }
    t.changedAttributes = List.copyOf(changed);
    return transit(task, t);
  }

  private Object completeUserTask(Command.CompleteUserTask command) {
    UserTask task = openTask(command.userTaskKey(), "complete");
    UserTaskTransition t =
        runtime
            .userTasks()
            .transition(
                task,
                TaskListenerEvent.COMPLETING,
                command.action() == null ? "complete" : command.action());
    t.variables = command.variables();
    if (runtime.userTasks().hold(task, t)) {
      return new AwaitingListeners(task.key);
    }
    runtime.completeUserTask(task, command.variables());
    return null;
  }

  /** Applies the transition now, or holds it (and the request) for the task's listeners. */
  private Object transit(UserTask task, UserTaskTransition t) {
    if (runtime.userTasks().hold(task, t)) {
      return new AwaitingListeners(task.key);
    }
    runtime.userTasks().apply(task, t);
    return null;
  }

  private Object trigger(Command.TriggerTimer command) {
    Timer timer = state.timers.get(command.timerKey());
    if (timer == null || !timer.isScheduled() || timer.dueDate > runtime.now()) {
      throw EngineException.invalidState("Timer " + command.timerKey() + " is not due.");
    }
    runtime.trigger(timer);
    return null;
  }

  private Views.MessagePublished publish(Command.PublishMessage command) {
    checkMessage(command.name());
    if (command.timeToLive() < 0) {
      throw EngineException.invalidArgument(
          "timeToLive must be 0 or more milliseconds, but was " + command.timeToLive());
    }
    String correlationKey = command.correlationKey() == null ? "" : command.correlationKey();
    if (runtime
        .correlator()
        .isDuplicate(command.name(), correlationKey, command.messageId(), runtime.now())) {
      throw new EngineException(
          EngineException.Kind.ALREADY_EXISTS,
          "Expected to publish a new message with id '"
              + command.messageId()
              + "', but a message with that id was already published");
    }
    Message message = newMessage(command.name(), correlationKey, command.variables());
    message.messageId = command.messageId();
    message.expiresAt = message.publishedAt + command.timeToLive();
    runtime.publish(message);
    return new Views.MessagePublished(DEFAULT_TENANT, Long.toString(message.key));
  }

  private Views.MessageCorrelated correlate(Command.CorrelateMessage command) {
    checkMessage(command.name());
    String correlationKey = command.correlationKey() == null ? "" : command.correlationKey();
    if (!runtime.correlator().canCorrelate(command.name(), correlationKey)) {
      throw EngineException.notFound(
          "Expected to find subscription for message with name '"
              + command.name()
              + "' and correlation key '"
              + correlationKey
              + "', but none was found.");
    }
    Message message = newMessage(command.name(), correlationKey, command.variables());
    message.expiresAt = message.publishedAt;
    long instance = runtime.correlate(message);
    return new Views.MessageCorrelated(
        DEFAULT_TENANT, Long.toString(message.key), Long.toString(instance));
  }

  private static void checkMessage(String name) {
    if (name == null || name.isBlank()) {
      throw EngineException.invalidArgument("name is required: the message name.");
    }
  }

  private Message newMessage(String name, String correlationKey, Map<String, Object> variables) {
    Message message = new Message();
    message.key = state.nextKey();
    message.name = name;
    message.correlationKey = correlationKey;
    message.tenantId = DEFAULT_TENANT;
    message.variables = variables;
    message.publishedAt = runtime.now();
    return message;
  }

  private ProcessInstance create(Command.CreateInstance command) {
    ProcessDefinition definition = findDefinition(command);
    if (definition.model.root().noneStart() == null) {
      throw EngineException.invalidArgument(
          "The process '"
              + definition.processId
              + "' has no none start event: it is started by publishing its start message.");
    }
    return runtime.createInstance(definition, command.variables());
  }

  private ProcessDefinition findDefinition(Command.CreateInstance command) {
    if (command.definitionKey() != null) {
      ProcessDefinition definition = state.definitions.get(command.definitionKey());
      if (definition == null) {
        throw EngineException.notFound(
            "Expected to find process definition with key '"
                + command.definitionKey()
                + "', but none found");
      }
      return definition;
    }
    TreeMap<Integer, ProcessDefinition> versions = state.definitionsById.get(command.processId());
    if (versions == null) {
      throw EngineException.notFound(
          "Expected to find process definition with process ID '"
              + command.processId()
              + "', but none found");
    }
    Integer version = command.version();
    if (version == null || version < 0) {
      return versions.lastEntry().getValue();
    }
    ProcessDefinition definition = versions.get(version);
    if (definition == null) {
      throw EngineException.notFound(
          "Expected to find process definition with process ID '"
              + command.processId()
              + "' and version '"
              + version
              + "', but none found");
    }
    return definition;
  }

  private Object cancel(Command.CancelInstance command) {
    ProcessInstance instance = state.processInstances.get(command.processInstanceKey());
    if (instance == null || instance.state != State.ACTIVE) {
      throw EngineException.notFound(
          "Expected to cancel a process instance with key '"
              + command.processInstanceKey()
              + "', but no such process was found");
    }
    if (instance.parentProcessInstanceKey != null) {
      throw EngineException.invalidState(
          "Expected to cancel a process instance with key '"
              + instance.key
              + "', but it was created by a parent process instance. Cancel the root process"
              + " instance '"
              + instance.parentProcessInstanceKey
              + "' instead.");
    }
    runtime.cancel(instance);
    return null;
  }

  private Object setVariables(Command.SetVariables command) {
    ElementInstance scope = state.elementInstances.get(command.scopeKey());
    if (scope == null || !scope.isActive()) {
      throw EngineException.notFound(
          "Expected to update variables for element with key '"
              + command.scopeKey()
              + "', but no such element was found");
    }
    if (command.local()) {
      runtime.variables().setAllLocal(scope.key, command.variables());
    } else {
      runtime.variables().setAllPropagating(scope.key, command.variables());
    }
    return null;
  }

  /** Makes jobs activatable again whose activation never reached its worker. */
  private Object releaseJobs(Command.ReleaseJobs command) {
    for (Command.HeldJob held : command.jobs()) {
      Job job = state.jobs.get(held.jobKey());
      if (job == null
          || job.state.isEnded()
          || job.incidentKey != null
          || job.state == JobState.ERROR_THROWN
          || !job.activated
          || job.deadline == null
          || job.deadline != held.deadline()) {
        continue;
      }
      job.activated = false;
      job.deadline = null;
      job.state = JobState.TIMED_OUT;
      state.jobQueue.makeReady(job);
      outcomes.jobsAvailable(job.type);
    }
    return null;
  }

  private JobViews.JobActivationResult activate(Command.ActivateJobs command) {
    long now = runtime.now();
    activationChangedState = state.jobQueue.promoteDue(now, state.jobs);
    List<Job> chosen = new ArrayList<>();
    Iterator<Long> ready = state.jobQueue.ready(command.type());
    while (ready.hasNext() && chosen.size() < command.maxJobs()) {
      Job job = state.jobs.get(ready.next());
      if (command.tenantIds().isEmpty() || command.tenantIds().contains(job.tenantId)) {
        chosen.add(job);
      }
    }
    List<JobViews.ActivatedJobView> views = new ArrayList<>();
    activationChangedState |= !chosen.isEmpty();
    for (Job job : chosen) {
      state.jobQueue.remove(job);
      job.activated = true;
      job.worker = command.worker();
      job.deadline = deadline(now, command.timeout());
      state.jobQueue.wakeAt(job, job.deadline);
      views.add(
          job.kind == UserTasks.LISTENER_KIND
              ? JobViews.activated(
                  job,
                  select(runtime.userTasks().listenerVariables(job), command.fetchVariables()),
                  runtime.userTasks().properties(job))
              : JobViews.activated(job, jobVariables(job, command.fetchVariables()), null));
    }
    return new JobViews.JobActivationResult(views);
  }

  private Map<String, Object> jobVariables(Job job, List<String> fetch) {
    return select(runtime.variables().visible(job.elementInstanceKey), fetch);
  }

  private static Map<String, Object> select(Map<String, Object> visible, List<String> fetch) {
    if (fetch.isEmpty()) {
      return visible;
    }
    Map<String, Object> selected = new LinkedHashMap<>();
    for (String name : fetch) {
      if (visible.containsKey(name)) {
        selected.put(name, visible.get(name));
      }
    }
    return selected;
  }

  private Job liveJob(long key, String action) {
    Job job = state.jobs.get(key);
    if (job == null || job.state.isEnded()) {
      throw EngineException.notFound(
          "Expected to " + action + " job with key '" + key + "', but no such job was found");
    }
    return job;
  }

  private Job workableJob(long key, String action) {
    Job job = liveJob(key, action);
    if (job.incidentKey != null || job.state == JobState.ERROR_THROWN) {
      throw EngineException.invalidState(
          "Expected to "
              + action
              + " job with key '"
              + key
              + "', but it is in state '"
              + job.state
              + "' with an open incident; resolve the incident first");
    }
    return job;
  }

  private Object completeJob(Command.CompleteJob command) {
    Job job = workableJob(command.jobKey(), "complete");
    if (job.kind == UserTasks.LISTENER_KIND) {
      if (!command.variables().isEmpty()) {
        throw EngineException.invalidArgument(
            "Expected to complete task listener job with key '"
                + job.key
                + "' without variables, but variables were given; a task listener may deny or"
                + " correct the task, the task's completion sets the variables.");
      }
      runtime.userTasks().checkResult(job, command.result());
    } else if (command.result() != null) {
      throw EngineException.invalidArgument(
          "Expected a job result only for a task listener job, but job with key '"
              + job.key
              + "' is the job of element '"
              + job.elementId
              + "'");
    }
    runtime.completeJob(job, command.variables(), command.result());
    return null;
  }

  private Object failJob(Command.FailJob command) {
    Job job = workableJob(command.jobKey(), "fail");
    if (command.retries() < 0) {
      throw EngineException.invalidArgument(
          "retries must be 0 or more, but was " + command.retries());
    }
    if (command.retryBackOff() < 0) {
      throw EngineException.invalidArgument(
          "retryBackOff must be 0 or more milliseconds, but was " + command.retryBackOff());
    }
    runtime
        .jobs()
        .fail(
            job,
            command.retries(),
            command.errorMessage(),
            command.retryBackOff(),
            command.variables());
    return null;
  }

  private Object throwError(Command.ThrowError command) {
    Job job = workableJob(command.jobKey(), "throw an error for");
    if (job.kind == UserTasks.LISTENER_KIND) {
      throw EngineException.invalidArgument(
          "A task listener job cannot throw a BPMN error (job with key '"
              + job.key
              + "'); deny the transition or fail the job.");
    }
    if (job.kind == ExecutionListeners.KIND) {
      throw EngineException.invalidState(
          "An execution listener job cannot throw a BPMN error (job with key '"
              + job.key
              + "'); complete or fail the job.");
    }
    if (command.errorCode() == null || command.errorCode().isBlank()) {
      throw EngineException.invalidArgument("errorCode must not be empty");
    }
    runtime.throwJobError(job, command.errorCode(), command.errorMessage(), command.variables());
    return null;
  }

  private Object updateJob(Command.UpdateJob command) {
    Job job = liveJob(command.jobKey(), "update");
    if (command.retries() == null && command.timeout() == null) {
      throw EngineException.invalidArgument(
          "The changeset is empty: give retries, timeout or both.");
    }
    if (command.retries() != null && command.retries() < 1) {
      throw EngineException.invalidArgument(
          "Expected to update retries for job with key '"
              + job.key
              + "' with a positive amount of retries, but the amount given was '"
              + command.retries()
              + "'");
    }
    if (command.timeout() != null) {
      if (!job.activated) {
        throw EngineException.invalidState(
            "Expected to update the timeout of job with key '"
                + job.key
                + "', but it is not activated by a worker");
      }
      if (command.timeout() < 0) {
        throw EngineException.invalidArgument("timeout must be 0 or more milliseconds");
      }
    }
    if (command.retries() != null) {
      job.retries = command.retries();
      if (job.incidentKey == null && job.state != JobState.ERROR_THROWN) {
        job.state = JobState.RETRIES_UPDATED;
      }
    }
    if (command.timeout() != null) {
      job.deadline = deadline(runtime.now(), command.timeout());
      state.jobQueue.wakeAt(job, job.deadline);
    }
    return null;
  }

  private Object resolve(Command.ResolveIncident command) {
    Incident incident = state.incidents.get(command.incidentKey());
    if (incident == null || !incident.isActive()) {
      throw EngineException.notFound(
          "Expected to resolve incident with key '"
              + command.incidentKey()
              + "', but no such incident was found");
    }
    if (incident.jobKey != null && incident.errorType.isNoRetries()) {
      Job job = state.jobs.get(incident.jobKey);
      if (job.retries <= 0) {
        throw EngineException.invalidState(
            "Expected to resolve incident with key '"
                + incident.key
                + "', but job with key '"
                + job.key
                + "' has no retries left; update the job's retries first");
      }
    }
    runtime.resolve(incident);
    return null;
  }

  private static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
