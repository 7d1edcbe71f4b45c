package io.rollgate.engine.internal.processor;

import io.rollgate.engine.internal.feel.EvaluationException;
import io.rollgate.engine.internal.feel.Feel;
import io.rollgate.engine.internal.model.ElementSpec;
import io.rollgate.engine.internal.model.FlowNode;
import io.rollgate.engine.internal.model.FormLink;
import io.rollgate.engine.internal.model.TaskListenerEvent;
import io.rollgate.engine.internal.state.ElementInstance;
import io.rollgate.engine.internal.state.EngineState;
import io.rollgate.engine.internal.state.FormDefinition;
import io.rollgate.engine.internal.state.IncidentErrorType;
import io.rollgate.engine.internal.state.PendingStep;
import io.rollgate.engine.internal.state.ProcessInstance;
import io.rollgate.engine.internal.state.UserTask;
import io.rollgate.engine.internal.state.UserTaskState;
import io.rollgate.engine.internal.state.UserTaskTransition;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * User tasks ({@code zeebe:userTask}): created with their assignment, schedule ({@link
 * TaskAttributes}) and form ({@link LinkedForms}), completed by people; {@link TaskListeners} may
 * hold their transitions.
 */
final class UserTasks {
  private final EngineState state;
  private final Variables variables;
  private final Runtime runtime;
  private final TaskAttributes attributes;
  private final LinkedForms forms;

  UserTasks(EngineState state, Feel feel, Variables variables, Runtime runtime) {
    this.state = state;
    this.variables = variables;
    this.runtime = runtime;
    this.attributes = new TaskAttributes(feel, runtime::now);
    this.forms = new LinkedForms(state);
  }

  /** Creates the task of a user task element, or raises an incident when its FEEL fails. */
  void create(ElementInstance instance, FlowNode node) {
    ElementSpec.HumanTask spec = node.spec(ElementSpec.HumanTask.class);
    UserTask task = new UserTask();
    try {
      attributes.evaluate(spec, variables.visible(instance.key), task);
    } catch (EvaluationException e) {
      runtime.incidents().failActivation(instance, e);
      return;
    }
    FormLink formLink = spec.form();
    if (formLink != null && formLink.formId() != null) {
      FormDefinition form = forms.find(instance, formLink);
      if (form == null) {
        runtime
            .incidents()
            .fail(
                instance,
                PendingStep.ACTIVATE,
                IncidentErrorType.FORM_NOT_FOUND,
                LinkedForms.notFound(formLink));
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
    TaskListeners listeners = runtime.taskListeners();
    UserTaskTransition creating = listeners.transition(task, TaskListenerEvent.CREATING, "create");
    if (task.assignee != null && !spec.taskListeners(TaskListenerEvent.ASSIGNING).isEmpty()) {
      // Created unassigned, then assigned: the assigning listeners see the initial assignee.
      creating.assignAfterCreation = task.assignee;
      creating.assignee = null;
      task.assignee = null;
    }
    if (!listeners.hold(task, creating)) {
      listeners.assignAfterCreation(task, creating.assignAfterCreation);
    }
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

  /** A person completed the task: its variables are handed back as a job's would be. */
  void complete(UserTask task, Map<String, Object> result) {
    task.state = UserTaskState.COMPLETED;
    task.completionDate = runtime.now();
    ElementInstance instance = state.elementInstances.get(task.elementInstanceKey);
    runtime.variables().mergeResult(instance, runtime.nodeOf(instance), result);
    runtime.completeLater(instance);
  }
}
