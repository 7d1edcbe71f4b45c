package io.rollgate.engine.internal.http;

import java.util.List;
import java.util.Map;

/** Request bodies of the REST API, decoded strictly: an unknown property is a 400. */
final class Requests {
  private Requests() {}

  record CreateInstance(
      String processDefinitionId,
      Integer processDefinitionVersion,
      String processDefinitionKey,
      Map<String, Object> variables,
      String tenantId,
      List<String> tags,
      Long operationReference,
      List<Object> startInstructions,
      List<Object> runtimeInstructions,
      Boolean awaitCompletion,
      List<String> fetchVariables,
      Long requestTimeout) {}

  record Cancel(Long operationReference) {}

  record SetVariables(Map<String, Object> variables, Boolean local, Long operationReference) {}

  record ActivateJobs(
      String type,
      String worker,
      Long timeout,
      Integer maxJobsToActivate,
      List<String> fetchVariable,
      Long requestTimeout,
      List<String> tenantIds) {}

  record CompleteJob(Map<String, Object> variables, Map<String, Object> result) {}

  record FailJob(
      Integer retries, String errorMessage, Long retryBackOff, Map<String, Object> variables) {}

  record ThrowError(String errorCode, String errorMessage, Map<String, Object> variables) {}

  record JobChangeset(Integer retries, Long timeout) {}

  record UpdateJob(JobChangeset changeset, Long operationReference) {}

  record ResolveIncident(Long operationReference) {}

  record PinClock(Long timestamp) {}

  record BroadcastSignal(String signalName, Map<String, Object> variables, String tenantId) {}

  record EvaluateDecision(
      String decisionDefinitionId,
      String decisionDefinitionKey,
      Map<String, Object> variables,
      String tenantId) {}

  record AssignUserTask(String assignee, Boolean allowOverride, String action) {}

  record UserTaskChangeset(
      String dueDate,
      String followUpDate,
      List<String> candidateUsers,
      List<String> candidateGroups,
      Integer priority) {}

  record UpdateUserTask(UserTaskChangeset changeset, String action) {}

  record CompleteUserTask(Map<String, Object> variables, String action) {}

  record AddClock(Long offsetMilli) {}

  record PublishMessage(
      String name,
      String correlationKey,
      Long timeToLive,
      String messageId,
      Map<String, Object> variables,
      String tenantId) {}

  record CorrelateMessage(
      String name, String correlationKey, Map<String, Object> variables, String tenantId) {}
}
