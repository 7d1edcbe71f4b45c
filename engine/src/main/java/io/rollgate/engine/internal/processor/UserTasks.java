package io.rollgate.engine.internal.processor;

import io.rollgate.engine.internal.api.JobViews;
import io.rollgate.engine.internal.api.Json;
import io.rollgate.engine.internal.api.Views;
import io.rollgate.engine.internal.feel.EvaluationException;
import io.rollgate.engine.internal.feel.Expression;
import io.rollgate.engine.internal.feel.Feel;
import io.rollgate.engine.internal.model.ElementSpec;
import io.rollgate.engine.internal.model.FlowNode;
import io.rollgate.engine.internal.model.FormLink;
import io.rollgate.engine.internal.model.TaskListener;
import io.rollgate.engine.internal.model.TaskListenerEvent;
import io.rollgate.engine.internal.model.TimerDefinition;
import io.rollgate.engine.internal.model.TimerSchedule;
import io.rollgate.engine.internal.state.ElementInstance;
import io.rollgate.engine.internal.state.EngineState;
import io.rollgate.engine.internal.state.FormDefinition;
import io.rollgate.engine.internal.state.IncidentErrorType;
import io.rollgate.engine.internal.state.Job;
import io.rollgate.engine.internal.state.JobKind;
import io.rollgate.engine.internal.state.JobState;
import io.rollgate.engine.internal.state.ListenerEventType;
import io.rollgate.engine.internal.state.PendingStep;
import io.rollgate.engine.internal.state.ProcessInstance;
import io.rollgate.engine.internal.state.UserTask;
import io.rollgate.engine.internal.state.UserTaskState;
import io.rollgate.engine.internal.state.UserTaskTransition;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * User tasks ({@code zeebe:userTask}): created with their assignment and schedule, completed by
 * people.
 */
final class UserTasks {
  private final EngineState state;
  private final Feel feel;
  private final Variables variables;
  private final Runtime runtime;

  UserTasks(EngineState state, Feel feel, Variables variables, Runtime runtime) {
    this.state = state;
    this.feel = feel;
    this.variables = variables;
    this.runtime = runtime;
  }

  /** Creates the task of a user task element, or raises an incident when its FEEL fails. */
  void create(ElementInstance instance, FlowNode node) {
    ElementSpec.HumanTask spec = node.spec(ElementSpec.HumanTask.class);
    UserTask task = new UserTask();
    try {
      Map<String, Object> seen = variables.visible(instance.key);
      task.assignee = spec.assignee() == null ? null : feel.evaluateString(spec.assignee(), seen);
      task.candidateGroups = names(spec.candidateGroups(), seen);
      task.candidateUsers = names(spec.candidateUsers(), seen);
      task.dueDate = dateOrNull(spec.dueDate(), seen);
      task.followUpDate = dateOrNull(spec.followUpDate(), seen);
      if (spec.priority() != null) {
        long priority = feel.evaluateLong(spec.priority(), seen);
        if (priority < 0 || priority > 100) {
          throw new EvaluationException("expected a priority from 0 to 100, but was " + priority);
        }
        task.priority = (int) priority;
      }
    } catch (EvaluationException e) {
      runtime
          .incidents()
          .fail(
              instance,
              PendingStep.ACTIVATE,
              IncidentErrorType.EXTRACT_VALUE_ERROR,
              e.getMessage());
      return;
    }
    FormLink formLink = spec.form();
    if (formLink != null && formLink.formId() != null) {
      FormDefinition form = linkedForm(instance, formLink);
      if (form == null) {
        runtime
            .incidents()
            .fail(
                instance,
                PendingStep.ACTIVATE,
                IncidentErrorType.FORM_NOT_FOUND,
                "Expected to find a form with id '"
                    + formLink.formId()
                    + "', but no form with this id is found"
                    + switch (formLink.binding().type()) {
                      case DEPLOYMENT ->
                          " in the deployment of the process (binding type 'deployment')";
                      case VERSION_TAG ->
                          " with version tag '"
                              + formLink.binding().versionTag()
                              + "' (binding type 'versionTag')";
                      case LATEST -> ", at least a form with this id should be available";
                    }
                    + ". To resolve the incident, deploy the form and resolve the incident.");
        return;
      }
      task.formKey = form.key;
    }
    task.externalFormReference = formLink == null ? null : formLink.externalReference();
    ProcessInstance process = state.processInstances.get(instance.processInstanceKey);
    task.key = state.nextKey();
    task.bindTo(instance);
    task.processName = process.processName;
    task.processVersion = process.version;
    task.name = instance.elementName;
    task.customHeaders = spec.headers();
    task.creationDate = runtime.now();
    state.add(task);
    instance.userTaskKey = task.key;
    UserTaskTransition creating = transition(task, TaskListenerEvent.CREATING, "create");
    if (task.assignee != null && !spec.taskListeners(TaskListenerEvent.ASSIGNING).isEmpty()) {
      // Created unassigned, then assigned: the assigning listeners see the initial assignee.
      creating.assignAfterCreation = task.assignee;
      creating.assignee = null;
      task.assignee = null;
    }
    if (!hold(task, creating)) {
      assignAfterCreation(task, creating.assignAfterCreation);
    }
  }

  // ---- task listeners ---------------------------------------------------------------------

  /** The job kind of a task listener's job, as the REST API names it. */
  static final JobKind LISTENER_KIND = JobKind.TASK_LISTENER;

  /** A transition of the task, starting from its attributes as they are. */
  UserTaskTransition transition(UserTask task, TaskListenerEvent eventType, String action) {
    UserTaskTransition t = new UserTaskTransition();
    t.eventType = eventType;
    t.action = action;
    t.previousState = task.state;
    t.assignee = task.assignee;
    t.candidateGroups = task.candidateGroups;
    t.candidateUsers = task.candidateUsers;
    t.dueDate = task.dueDate;
    t.followUpDate = task.followUpDate;
    t.priority = task.priority;
    return t;
  }

  /**
   * Holds the transition back while the task listeners of its event run, first one first; false
   * when the event has no listeners and the caller applies the transition now.
   */
  boolean hold(UserTask task, UserTaskTransition t) {
    if (specOf(task).taskListeners(t.eventType).isEmpty()) {
      return false;
    }
    task.transition = t;
    task.state = UserTaskState.during(t.eventType);
    createListenerJob(task);
    return true;
  }

  /** Creates the job of the transition's current listener, or an incident when its FEEL fails. */
  void createListenerJob(UserTask task) {
    UserTaskTransition t = task.transition;
    TaskListener listener = specOf(task).taskListeners(t.eventType).get(t.listenerIndex);
    ElementInstance instance = state.elementInstances.get(task.elementInstanceKey);
    Jobs.Definition definition =
        runtime
            .jobs()
            .definition(instance, listener.type(), listener.retries(), PendingStep.TASK_LISTENER);
    if (definition == null) {
      return;
    }
    Job job =
        runtime
            .jobs()
            .add(instance, definition.type(), (int) definition.retries(), task.customHeaders);
    job.kind = LISTENER_KIND;
    job.listenerEventType = ListenerEventType.of(t.eventType);
    job.userTaskKey = task.key;
    t.jobKey = job.key;
  }

  /**
   * Checks a task listener's job result before anything changes.
   *
   * @throws EngineException 400 for a denial of creation, or a correction that is invalid
   */
  void checkResult(Job job, Command.UserTaskResult result) {
    if (result == null) {
      return;
    }
    if (result.denied() && job.listenerEventType == ListenerEventType.CREATING) {
      throw EngineException.invalidArgument(
          "A creating task listener cannot deny the creation of user task "
              + job.userTaskKey
              + "; only assigning, updating and completing can be denied.");
    }
    Command.Corrections c = result.corrections();
    if (c != null) {
      parseDate("dueDate", c.dueDate());
      parseDate("followUpDate", c.followUpDate());
      if (c.priority() != null && (c.priority() < 0 || c.priority() > 100)) {
        throw EngineException.invalidArgument(
            "priority must be from 0 to 100, but was " + c.priority());
      }
    }
  }

  /** A listener's job completed: deny the transition, or correct it and run the next listener. */
  void listenerCompleted(Job job, Command.UserTaskResult result) {
    UserTask task = state.userTasks.get(job.userTaskKey);
    UserTaskTransition t = task.transition;
    t.jobKey = null;
    if (result != null && result.denied()) {
      task.transition = null;
      task.state = t.previousState;
      String reason = result.deniedReason() == null ? "" : result.deniedReason();
      runtime
          .outcomes()
          .userTaskTransitionEnded(
              task.key,
              EngineException.invalidState(
                  "The "
                      + switch (t.eventType) {
                        case ASSIGNING -> "assignment";
                        case UPDATING -> "update";
                        default -> "completion";
                      }
                      + " of user task "
                      + task.key
                      + " was denied by a task listener (job type '"
                      + job.type
                      + "'). Reason: '"
                      + reason
                      + "'"));
      return;
    }
    if (result != null && result.corrections() != null) {
      correct(t, result.corrections());
    }
    t.listenerIndex++;
    if (t.listenerIndex < specOf(task).taskListeners(t.eventType).size()) {
      createListenerJob(task);
      return;
    }
    task.transition = null;
    apply(task, t);
  }

  /** Applies a transition: its attributes, then what the event does. */
  void apply(UserTask task, UserTaskTransition t) {
    task.assignee = t.assignee;
    task.candidateGroups = t.candidateGroups;
    task.candidateUsers = t.candidateUsers;
    task.dueDate = t.dueDate;
    task.followUpDate = t.followUpDate;
    task.priority = t.priority;
    task.state = UserTaskState.CREATED;
    runtime.outcomes().userTaskTransitionEnded(task.key, null);
    if (t.eventType == TaskListenerEvent.COMPLETING) {
      complete(task, t.variables);
    } else if (t.eventType == TaskListenerEvent.CREATING) {
      assignAfterCreation(task, t.assignAfterCreation);
    }
  }

  private void assignAfterCreation(UserTask task, String assignee) {
    if (assignee == null) {
      return;
    }
    UserTaskTransition assigning = transition(task, TaskListenerEvent.ASSIGNING, "assign");
    assigning.assignee = assignee;
    assigning.changedAttributes = List.of("assignee");
    if (!hold(task, assigning)) {
      apply(task, assigning);
    }
  }

  /** The task ends while listeners run (its element was terminated): their job is canceled. */
  void dropTransition(UserTask task) {
    UserTaskTransition t = task.transition;
    if (t == null) {
      return;
    }
    task.transition = null;
    if (t.jobKey != null) {
      Job job = state.jobs.get(t.jobKey);
      if (!job.state.isEnded()) {
        job.state = JobState.CANCELED;
        job.endTime = runtime.now();
        job.activated = false;
        state.jobQueue.remove(job);
      }
    }
    runtime
        .outcomes()
        .userTaskTransitionEnded(
            task.key,
            EngineException.invalidState(
                "User task " + task.key + " was canceled before its task listeners completed."));
  }

  private void correct(UserTaskTransition t, Command.Corrections c) {
    List<String> changed = new ArrayList<>(t.changedAttributes);
    if (c.assignee() != null) {
      t.assignee = c.assignee().isEmpty() ? null : c.assignee();
      changed.add("assignee");
    }
    if (c.dueDate() != null) {
      t.dueDate = parseDate("dueDate", c.dueDate());
      changed.add("dueDate");
    }
    if (c.followUpDate() != null) {
      t.followUpDate = parseDate("followUpDate", c.followUpDate());
      changed.add("followUpDate");
    }
    if (c.candidateUsers() != null) {
      t.candidateUsers = List.copyOf(c.candidateUsers());
      changed.add("candidateUsers");
    }
    if (c.candidateGroups() != null) {
      t.candidateGroups = List.copyOf(c.candidateGroups());
      changed.add("candidateGroups");
    }
    if (c.priority() != null) {
      t.priority = c.priority();
      changed.add("priority");
    }
    t.changedAttributes = changed.stream().distinct().toList();
  }

  /** An ISO-8601 date as epoch milliseconds; empty text is no date. */
  static Long parseDate(String field, String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      throw EngineException.invalidArgument(
          field + " must be an ISO-8601 date-time with offset, but was '" + text + "'");
    }
  }

  /** What a task listener's job shows of its task: the attributes as the transition sets them. */
  JobViews.UserTaskProperties properties(Job job) {
    UserTask task = state.userTasks.get(job.userTaskKey);
    UserTaskTransition t = task.transition;
    if (t == null) {
      t = transition(task, job.listenerEventType.taskListenerEvent(), null);
    }
    return new JobViews.UserTaskProperties(
        t.action,
        t.assignee,
        t.candidateGroups,
        t.candidateUsers,
        t.changedAttributes,
        Views.date(t.dueDate),
        Views.date(t.followUpDate),
        task.formKey == null ? null : Long.toString(task.formKey),
        t.priority,
        Long.toString(task.key));
  }

  /** The variables a task listener's job sees: the task's, and a completion's on top. */
  Map<String, Object> listenerVariables(Job job) {
    Map<String, Object> seen = new LinkedHashMap<>(variables.visible(job.elementInstanceKey));
    UserTask task = state.userTasks.get(job.userTaskKey);
    if (task.transition != null && task.transition.eventType == TaskListenerEvent.COMPLETING) {
      seen.putAll(task.transition.variables);
    }
    return seen;
  }

  private ElementSpec.HumanTask specOf(UserTask task) {
    return runtime
        .nodeOf(state.elementInstances.get(task.elementInstanceKey))
        .spec(ElementSpec.HumanTask.class);
  }

  /** A person completed the task: its variables are handed back as a job's would be. */
  void complete(UserTask task, Map<String, Object> result) {
    task.state = UserTaskState.COMPLETED;
    task.completionDate = runtime.now();
    ElementInstance instance = state.elementInstances.get(task.elementInstanceKey);
    runtime.variables().mergeResult(instance, runtime.nodeOf(instance), result);
    runtime.completeLater(instance);
  }

  /**
   * The headers of a job-based user task's job: its custom headers plus the assignment and schedule
   * under the names Camunda 8 uses ({@code io.camunda.zeebe:assignee}, ...), and the form key.
   */
  Map<String, String> jobHeaders(ElementSpec.HumanTask spec, Map<String, Object> seen) {
    Map<String, String> headers = new LinkedHashMap<>(spec.headers());
    if (spec.assignee() != null) {
      headers.put("io.camunda.zeebe:assignee", feel.evaluateString(spec.assignee(), seen));
    }
    if (spec.candidateGroups() != null) {
      headers.put(
          "io.camunda.zeebe:candidateGroups", Json.text(names(spec.candidateGroups(), seen)));
    }
    if (spec.candidateUsers() != null) {
      headers.put("io.camunda.zeebe:candidateUsers", Json.text(names(spec.candidateUsers(), seen)));
    }
    if (spec.dueDate() != null) {
      headers.put(
          "io.camunda.zeebe:dueDate",
          Instant.ofEpochMilli(dateOrNull(spec.dueDate(), seen)).toString());
    }
    if (spec.followUpDate() != null) {
      headers.put(
          "io.camunda.zeebe:followUpDate",
          Instant.ofEpochMilli(dateOrNull(spec.followUpDate(), seen)).toString());
    }
    if (spec.form() != null && spec.form().externalReference() != null) {
      // the form key; camunda-forms:bpmn:<id> names a form embedded in the process definition
      headers.put("io.camunda.zeebe:formKey", spec.form().externalReference());
    }
    return headers;
  }

  /** A list of names from {@code "a, b"}, a FEEL list, or a FEEL string. */
  private List<String> names(Expression expression, Map<String, Object> seen) {
    if (expression == null) {
      return List.of();
    }
    Object value = feel.evaluate(expression, seen);
    if (value instanceof List<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    if (value instanceof String text) {
      return Arrays.stream(text.split(",")).map(String::strip).filter(n -> !n.isEmpty()).toList();
    }
    throw new EvaluationException(
        "expected a list of names or a comma-separated string, but was " + value);
  }

  private Long dateOrNull(Expression expression, Map<String, Object> seen) {
    if (expression == null) {
      return null;
    }
    String text = feel.evaluateString(expression, seen);
    return TimerSchedule.of(TimerDefinition.Kind.DATE, text, runtime.now()).firstDue();
  }

  /** The form a user task's binding chooses, or null when none fits. */
  private FormDefinition linkedForm(ElementInstance instance, FormLink link) {
    var forms = state.formsById.get(link.formId());
    return switch (link.binding().type()) {
      case DEPLOYMENT -> {
        Long key =
            state.definitions.get(instance.processDefinitionKey).deployedForms.get(link.formId());
        yield key == null ? null : state.forms.get(key);
      }
      case VERSION_TAG ->
          forms == null
              ? null
              : forms.descendingMap().values().stream()
                  .filter(f -> link.binding().versionTag().equals(formVersionTag(f)))
                  .findFirst()
                  .orElse(null);
      case LATEST -> forms == null ? null : forms.lastEntry().getValue();
    };
  }

  /** A form's top-level {@code versionTag}, read from its JSON as deployed, or null. */
  private static String formVersionTag(FormDefinition form) {
    try {
      var tag = Json.MAPPER.readTree(form.schema).path("versionTag");
      return tag.isTextual() ? tag.asText() : null;
    } catch (IOException e) {
      return null;
    }
  }
}
