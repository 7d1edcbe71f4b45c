package io.rollgate.engine.processor;

import io.rollgate.engine.feel.EvaluationException;
import io.rollgate.engine.feel.Feel;
import io.rollgate.engine.model.FlowNode;
import io.rollgate.engine.model.TimerSchedule;
import io.rollgate.engine.state.ElementInstance;
import io.rollgate.engine.state.EngineState;
import io.rollgate.engine.state.PendingStep;
import io.rollgate.engine.state.ProcessInstance;
import io.rollgate.engine.state.UserTask;
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
    UserTask task = new UserTask();
    try {
      Map<String, Object> seen = variables.visible(instance.key);
      task.assignee = node.assignee() == null ? null : feel.evaluateString(node.assignee(), seen);
      task.candidateGroups = names(node.candidateGroups(), seen);
      task.candidateUsers = names(node.candidateUsers(), seen);
      task.dueDate = dateOrNull(node.dueDate(), seen);
      task.followUpDate = dateOrNull(node.followUpDate(), seen);
      if (node.priority() != null) {
        long priority = feel.evaluateLong(node.priority(), seen);
        if (priority < 0 || priority > 100) {
          throw new EvaluationException("expected a priority from 0 to 100, but was " + priority);
        }
        task.priority = (int) priority;
      }
    } catch (EvaluationException e) {
      runtime.fail(instance, PendingStep.ACTIVATE, "EXTRACT_VALUE_ERROR", e.getMessage());
      return;
    }
    if (node.formId() != null) {
      java.util.TreeMap<Integer, io.rollgate.engine.state.FormDefinition> forms =
          state.formsById.get(node.formId());
      if (forms == null) {
        runtime.fail(
            instance,
            PendingStep.ACTIVATE,
            "FORM_NOT_FOUND",
            "Expected to find a form with id '"
                + node.formId()
                + "', but no form with this id is found, at least a form with this id should be"
                + " available. To resolve the incident, deploy the form and resolve the incident.");
        return;
      }
      task.formKey = forms.lastEntry().getValue().key;
    }
    task.externalFormReference = node.externalFormReference();
    ProcessInstance process = state.processInstances.get(instance.processInstanceKey);
    task.key = state.nextKey();
    task.elementInstanceKey = instance.key;
    task.processInstanceKey = instance.processInstanceKey;
    task.processDefinitionKey = instance.processDefinitionKey;
    task.processId = instance.processId;
    task.processName = process.processName;
    task.processVersion = process.version;
    task.elementId = instance.elementId;
    task.name = instance.elementName;
    task.tenantId = instance.tenantId;
    task.customHeaders = node.headers();
    task.creationDate = runtime.now();
    state.add(task);
    instance.userTaskKey = task.key;
  }

  /** A person completed the task: its variables are handed back as a job's would be. */
  void complete(UserTask task, Map<String, Object> result) {
    task.state = "COMPLETED";
    task.completionDate = runtime.now();
    ElementInstance instance = state.elementInstances.get(task.elementInstanceKey);
    runtime.mergeResult(instance, runtime.nodeOf(instance), result);
    runtime.completeLater(instance);
  }

  /**
   * The headers of a job-based user task's job: its custom headers plus the assignment and schedule
   * under the names Camunda 8 uses ({@code io.camunda.zeebe:assignee}, ...).
   */
  Map<String, String> jobHeaders(FlowNode node, Map<String, Object> seen) {
    Map<String, String> headers = new java.util.LinkedHashMap<>(node.headers());
    if (node.assignee() != null) {
      headers.put("io.camunda.zeebe:assignee", feel.evaluateString(node.assignee(), seen));
    }
    if (node.candidateGroups() != null) {
      headers.put(
          "io.camunda.zeebe:candidateGroups",
          io.rollgate.engine.api.Json.text(names(node.candidateGroups(), seen)));
    }
    if (node.candidateUsers() != null) {
      headers.put(
          "io.camunda.zeebe:candidateUsers",
          io.rollgate.engine.api.Json.text(names(node.candidateUsers(), seen)));
    }
    if (node.dueDate() != null) {
      headers.put(
          "io.camunda.zeebe:dueDate",
          java.time.Instant.ofEpochMilli(dateOrNull(node.dueDate(), seen)).toString());
    }
    if (node.followUpDate() != null) {
      headers.put(
          "io.camunda.zeebe:followUpDate",
          java.time.Instant.ofEpochMilli(dateOrNull(node.followUpDate(), seen)).toString());
    }
    return headers;
  }

  /** A list of names from {@code "a, b"}, a FEEL list, or a FEEL string. */
  private List<String> names(
      io.rollgate.engine.feel.Expression expression, Map<String, Object> seen) {
    if (expression == null) {
      return List.of();
    }
    Object value = feel.evaluate(expression, seen);
    if (value instanceof List<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    if (value instanceof String text) {
      return java.util.Arrays.stream(text.split(","))
          .map(String::strip)
          .filter(n -> !n.isEmpty())
          .toList();
    }
    throw new EvaluationException(
        "expected a list of names or a comma-separated string, but was " + value);
  }

  private Long dateOrNull(io.rollgate.engine.feel.Expression expression, Map<String, Object> seen) {
    if (expression == null) {
      return null;
    }
    String text = feel.evaluateString(expression, seen);
    return TimerSchedule.of(io.rollgate.engine.model.TimerDefinition.Kind.DATE, text, runtime.now())
        .firstDue();
  }
}
