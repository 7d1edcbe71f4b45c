package io.rollgate.workers.gate;

import io.camunda.client.api.response.ActivatedJob;
import io.rollgate.processes.Lifecycle.Variables;
import java.util.Optional;

/**
 * Who completes a decision task, and the rule that the release's requester never decides it. The
 * approver is the task's assignee (Camunda Tasklist completes a task as its assignee), else the
 * signed-in user the service passes as {@code decidedBy}; unknown, the decision is refused.
 */
final class SeparationOfDuties {

  private SeparationOfDuties() {}

  /** The approver of the completion a {@code completing} listener job is about, or null. */
  static String approver(ActivatedJob job) {
    String assignee = job.getUserTask() == null ? null : job.getUserTask().getAssignee();
    if (assignee != null && !assignee.isBlank()) {
      return assignee;
    }
    Object decidedBy = job.getVariablesAsMap().get(Variables.DECIDED_BY);
    return decidedBy == null ? null : decidedBy.toString();
  }

  /**
   * Why {@code approver} may not take the decision, if not.
   *
   * @param decision what is decided, for the reason: for example {@code its go/no-go}
   */
  static Optional<String> violation(String approver, String requestedBy, String decision) {
    if (blank(approver)) {
      return Optional.of("who decides is unknown: claim the task before completing it");
    }
    if (blank(requestedBy)) {
      return Optional.of(
          "the release names no requester, so separation of duties cannot be checked");
    }
    if (approver.equalsIgnoreCase(requestedBy)) {
      return Optional.of(
          approver
              + " requested this release and cannot decide "
              + decision
              + ": another release manager must");
    }
    return Optional.empty();
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
