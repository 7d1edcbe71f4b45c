package io.rollgate.engine.internal.processor;

import io.rollgate.engine.internal.api.Json;
import io.rollgate.engine.internal.feel.EvaluationException;
import io.rollgate.engine.internal.feel.Expression;
import io.rollgate.engine.internal.feel.Feel;
import io.rollgate.engine.internal.model.ElementSpec;
import io.rollgate.engine.internal.model.TimerDefinition;
import io.rollgate.engine.internal.model.TimerSchedule;
import io.rollgate.engine.internal.state.UserTask;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A user task's assignment, schedule and priority as its FEEL expressions give them in the
 * element's scope: set on a {@code zeebe:userTask}, or carried as headers by the job of a job-based
 * user task. An expression that fails throws {@link EvaluationException}.
 */
final class TaskAttributes {
  private final Feel feel;
  private final LongSupplier now;

  TaskAttributes(Feel feel, LongSupplier now) {
    this.feel = feel;
    this.now = now;
  }

  /** Sets the task's assignee, candidates, dates and priority. */
  void evaluate(ElementSpec.HumanTask spec, Map<String, Object> seen, UserTask task) {
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
    return TimerSchedule.of(TimerDefinition.Kind.DATE, text, now.getAsLong()).firstDue();
  }
}
