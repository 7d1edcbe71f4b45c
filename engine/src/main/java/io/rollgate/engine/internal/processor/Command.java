package io.rollgate.engine.internal.processor;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;
import java.util.Map;

/**
 * A state-changing request. Every accepted command is journaled with the time it was applied, and
 * replaying the journal applies the same commands at the same times, giving the same state.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "@c")
@JsonSubTypes({
  @JsonSubTypes.Type(value = Command.Deploy.class, name = "deploy"),
  @JsonSubTypes.Type(value = Command.CreateInstance.class, name = "create"),
  @JsonSubTypes.Type(value = Command.CancelInstance.class, name = "cancel"),
  @JsonSubTypes.Type(value = Command.SetVariables.class, name = "setVariables"),
  @JsonSubTypes.Type(value = Command.ActivateJobs.class, name = "activate"),
  @JsonSubTypes.Type(value = Command.CompleteJob.class, name = "complete"),
  @JsonSubTypes.Type(value = Command.FailJob.class, name = "fail"),
  @JsonSubTypes.Type(value = Command.ThrowError.class, name = "throwError"),
  @JsonSubTypes.Type(value = Command.UpdateJob.class, name = "updateJob"),
  @JsonSubTypes.Type(value = Command.ResolveIncident.class, name = "resolve"),
  @JsonSubTypes.Type(value = Command.PinClock.class, name = "pinClock"),
  @JsonSubTypes.Type(value = Command.AdvanceClock.class, name = "advanceClock"),
  @JsonSubTypes.Type(value = Command.ResetClock.class, name = "resetClock"),
  @JsonSubTypes.Type(value = Command.Purge.class, name = "purge"),
  @JsonSubTypes.Type(value = Command.TriggerTimer.class, name = "timer"),
  @JsonSubTypes.Type(value = Command.BroadcastSignal.class, name = "signal"),
  @JsonSubTypes.Type(value = Command.AssignUserTask.class, name = "assignUserTask"),
  @JsonSubTypes.Type(value = Command.UpdateUserTask.class, name = "updateUserTask"),
  @JsonSubTypes.Type(value = Command.CompleteUserTask.class, name = "completeUserTask"),
  @JsonSubTypes.Type(value = Command.PublishMessage.class, name = "publish"),
  @JsonSubTypes.Type(value = Command.CorrelateMessage.class, name = "correlate"),
  @JsonSubTypes.Type(value = Command.EvaluateDecision.class, name = "evaluateDecision"),
  @JsonSubTypes.Type(value = Command.ReleaseJobs.class, name = "releaseJobs"),
  @JsonSubTypes.Type(value = Command.RemoveHistory.class, name = "removeHistory"),
})
public sealed interface Command {

  /** One file of a deployment. */
  record Resource(String name, byte[] content) {}

  record Deploy(List<Resource> resources, String tenantId) implements Command {}

  /** By decision id (latest version) or by decision definition key. */
  record EvaluateDecision(
      String decisionDefinitionId, Long decisionDefinitionKey, Map<String, Object> variables)
      implements Command {}

  /** By process id and version (null = latest), or by definition key. */
  record CreateInstance(
      String processId, Integer version, Long definitionKey, Map<String, Object> variables)
      implements Command {}

  record CancelInstance(long processInstanceKey) implements Command {}

  record SetVariables(long scopeKey, Map<String, Object> variables, boolean local)
      implements Command {}

  /**
   * @param timeout how long the worker holds the jobs, in milliseconds
   * @param fetchVariables names to return, or empty for all visible variables
   */
  record ActivateJobs(
      String type,
      String worker,
      long timeout,
      int maxJobs,
      List<String> fetchVariables,
      List<String> tenantIds)
      implements Command {}

  /**
   * @param result what a task listener decided (deny, corrections), or null
   */
  record CompleteJob(long jobKey, Map<String, Object> variables, UserTaskResult result)
      implements Command {}

  /** A task listener's job result: a denial of the transition, or corrections of the task. */
  record UserTaskResult(boolean denied, String deniedReason, Corrections corrections) {}

  /**
   * Attributes a task listener corrects; null keeps the value, an empty text or list clears it.
   * Dates as ISO-8601 text.
   */
  record Corrections(
      String assignee,
      String dueDate,
      String followUpDate,
      List<String> candidateUsers,
      List<String> candidateGroups,
      Integer priority) {}

  /**
   * @param retryBackOff milliseconds before the job may be activated again
   */
  record FailJob(
      long jobKey,
      int retries,
      String errorMessage,
      long retryBackOff,
      Map<String, Object> variables)
      implements Command {}

  record ThrowError(
      long jobKey, String errorCode, String errorMessage, Map<String, Object> variables)
      implements Command {}

  /** Either field may be null: only the given ones change. Timeout in milliseconds from now. */
  record UpdateJob(long jobKey, Integer retries, Long timeout) implements Command {}

  record ResolveIncident(long incidentKey) implements Command {}

  /** Pins the engine clock at an instant (epoch milliseconds). */
  record PinClock(long epochMillis) implements Command {}

  /** Moves the engine clock by an offset in milliseconds (negative moves it back). */
  record AdvanceClock(long offsetMillis) implements Command {}

  /** Unpins the engine clock and drops any offset. */
  record ResetClock() implements Command {}

  /** Deletes every deployment, instance, job, incident and variable: a clean engine. */
  record Purge() implements Command {}

  /**
   * @param timeToLive how long the message waits for a subscription, in milliseconds (0: not kept)
   * @param messageId optional; a live message with the same id, name and key makes it a duplicate
   */
  record PublishMessage(
      String name,
      String correlationKey,
      long timeToLive,
      String messageId,
      Map<String, Object> variables)
      implements Command {}

  /** Delivers a message to one waiting subscription or start event now, or fails. */
  record CorrelateMessage(String name, String correlationKey, Map<String, Object> variables)
      implements Command {}

  /** Assigns a user task; a null assignee unassigns it. */
  record AssignUserTask(long userTaskKey, String assignee, boolean allowOverride, String action)
      implements Command {}

  /** Changes the given (non-null) fields of a user task; dates as ISO-8601 text. */
  record UpdateUserTask(
      long userTaskKey,
      String dueDate,
      String followUpDate,
      List<String> candidateUsers,
      List<String> candidateGroups,
      Integer priority,
      String action)
      implements Command {}

  /**
   * @param action what the caller calls it; task listeners see it ({@code complete} when null)
   */
  record CompleteUserTask(long userTaskKey, Map<String, Object> variables, String action)
      implements Command {}

  /** Broadcasts a signal to everything waiting for it. */
  record BroadcastSignal(String name, Map<String, Object> variables) implements Command {}

  /** A timer is due; issued by the processor itself when the engine clock passes its due date. */
  record TriggerTimer(long timerKey) implements Command {}

  /** A job as one activation handed it out: its key and the deadline it got. */
  record HeldJob(long jobKey, long deadline) {}

  /**
   * Hands jobs back that were activated for a request whose client was gone before the answer
   * reached it: each becomes activatable again, as after its timeout, unless it changed since.
   */
  record ReleaseJobs(List<HeldJob> jobs) implements Command {}

  /**
   * Removes ended process instances and everything that belongs to them (history retention); issued
   * by the processor itself. Instances that no longer exist or are running again are skipped.
   */
  record RemoveHistory(List<Long> processInstanceKeys) implements Command {}
}
