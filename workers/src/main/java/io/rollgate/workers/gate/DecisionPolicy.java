package io.rollgate.workers.gate;

import io.rollgate.processes.Lifecycle.UserTasks;
import io.rollgate.processes.Lifecycle.Variables;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rules of the tasks, other than go/no-go, where a person decides how a release goes on: the
 * window ended, readiness changed, a rollout wave held or its flag change not approved. They fail
 * closed as the go/no-go does: a completion goes through only with a decision from the task's
 * closed set, a justification, and an approver who did not request the release.
 */
final class DecisionPolicy {

  /** What a task decides: the variable and the values it may take. */
  record Choice(String what, String variable, List<String> values) {}

  private static final Choice ROLLOUT =
      new Choice(
          "how the rollout goes on",
          Variables.ROLLOUT_DECISION,
          List.of("CONTINUE", "HOLD", "ROLL_BACK"));

  private static final Map<String, Choice> BY_TASK =
      Map.of(
          UserTasks.HOLD_FOR_WINDOW,
          new Choice(
              "whether cutover begins after its window",
              Variables.WINDOW_DECISION,
              List.of("CONTINUE", "STOP")),
          UserTasks.CONFIRM_READINESS,
          new Choice(
              "whether the release goes on after its readiness changed",
              Variables.READINESS_DECISION_AFTER_CHANGE,
              List.of("CONTINUE", "ABORT")),
          UserTasks.DECIDE_ROLLOUT,
          ROLLOUT,
          UserTasks.DECIDE_FLAG_CHANGE,
          ROLLOUT);

  /** The decision tasks this policy guards. */
  static List<String> tasks() {
    return List.copyOf(BY_TASK.keySet());
  }

  /**
   * Why the completion of {@code task} is refused, if it is.
   *
   * @param variables the completion's variables over the release's
   * @param approver who completes, as {@link SeparationOfDuties#approver} finds it
   */
  Optional<String> denial(String task, Map<String, Object> variables, String approver) {
    Choice choice = BY_TASK.get(task);
    if (choice == null) {
      return Optional.of(
          "task " + task + " is not a decision this check knows: nothing is decided");
    }
    Object decision = variables.get(choice.variable());
    if (decision == null || decision.toString().isBlank()) {
      return Optional.of("no decision: choose " + String.join(", ", choice.values()));
    }
    if (!choice.values().contains(decision.toString())) {
      return Optional.of(
          "decision '"
              + decision
              + "' is not one of "
              + String.join(", ", choice.values())
              + " ("
              + choice.variable()
              + ")");
    }
    Object requestedBy = variables.get(Variables.REQUESTED_BY);
    Optional<String> separation =
        SeparationOfDuties.violation(
            approver, requestedBy == null ? null : requestedBy.toString(), choice.what());
    if (separation.isPresent()) {
      return separation;
    }
    Object justification = variables.get(Variables.JUSTIFICATION);
    if (justification == null || justification.toString().isBlank()) {
      return Optional.of("a justification is required: say why, it goes into the decision log");
    }
    return Optional.empty();
  }
}
