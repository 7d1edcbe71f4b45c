package io.rollgate.engine.internal.api;

import io.rollgate.engine.internal.state.Job;
import java.util.List;
import java.util.Map;

/**
 * The JSON shapes of jobs: in searches, as activated for a worker, and what a listener job sees.
 */
public final class JobViews {
  private JobViews() {}

  public record JobView(
      Map<String, String> customHeaders,
      String deadline,
      String elementId,
      String elementInstanceKey,
      String endTime,
      String errorCode,
      String errorMessage,
      boolean hasFailedWithRetriesLeft,
      String jobKey,
      String kind,
      String listenerEventType,
      String processDefinitionId,
      String processDefinitionKey,
      String processInstanceKey,
      int retries,
      String state,
      String tenantId,
      String type,
      String worker) {}

  public static JobView of(Job j) {
    return new JobView(
        j.customHeaders,
        Views.date(j.deadline),
        j.elementId,
        Views.key(j.elementInstanceKey),
        Views.date(j.endTime),
        j.errorCode,
        j.errorMessage,
        j.hasFailedWithRetriesLeft(),
        Views.key(j.key),
        kind(j),
        listenerEventType(j),
        j.processId,
        Views.key(j.processDefinitionKey),
        Views.key(j.processInstanceKey),
        j.retries,
        j.state.name(),
        j.tenantId,
        j.type,
        j.worker);
  }

  public record ActivatedJobView(
      String type,
      String processDefinitionId,
      int processDefinitionVersion,
      String elementId,
      Map<String, String> customHeaders,
      String worker,
      int retries,
      long deadline,
      Map<String, Object> variables,
      String tenantId,
      String jobKey,
      String processInstanceKey,
      String processDefinitionKey,
      String elementInstanceKey,
      String kind,
      String listenerEventType,
      List<String> tags,
      UserTaskProperties userTask) {}

  /** What a task listener's job shows of its user task. */
  public record UserTaskProperties(
      String action,
      String assignee,
      List<String> candidateGroups,
      List<String> candidateUsers,
      List<String> changedAttributes,
      String dueDate,
      String followUpDate,
      String formKey,
      Integer priority,
      String userTaskKey) {}

  /** The job kind as the REST API names it. */
  public static String kind(Job j) {
    return j.kind == null ? "BPMN_ELEMENT" : j.kind.name();
  }

  /** The user task event a listener job runs for, as the REST API names it. */
  public static String listenerEventType(Job j) {
    return j.listenerEventType == null ? "UNSPECIFIED" : j.listenerEventType.name();
  }

  /**
   * @param userTask the task as a task listener's job sees it, or null for other jobs
   */
  public static ActivatedJobView activated(
      Job j, Map<String, Object> variables, UserTaskProperties userTask) {
    return new ActivatedJobView(
        j.type,
        j.processId,
        j.processVersion,
        j.elementId,
        j.customHeaders,
        j.worker,
        j.retries,
        j.deadline,
        variables,
        j.tenantId,
        Views.key(j.key),
        Views.key(j.processInstanceKey),
        Views.key(j.processDefinitionKey),
        Views.key(j.elementInstanceKey),
        kind(j),
        listenerEventType(j),
        List.of(),
        userTask);
  }

  public record JobActivationResult(List<ActivatedJobView> jobs) {}
}
