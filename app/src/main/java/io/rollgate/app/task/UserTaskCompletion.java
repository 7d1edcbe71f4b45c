package io.rollgate.app.task;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ProblemException;
import io.rollgate.processes.Lifecycle.Variables;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The one way a person's decision completes a user task: through the engine, as the signed-in user
 * ({@code decidedBy}), so the task's completing listener (for the go/no-go, {@code
 * rollgate-go-no-go-check}: separation of duties, justification, accepted risks, quorum) judges it,
 * and the model's recording step writes it to the decision log.
 */
@Component
public class UserTaskCompletion {

  private final CamundaClient camunda;

  UserTaskCompletion(CamundaClient camunda) {
    this.camunda = camunda;
  }

  /**
   * Completes the task with the given variables and {@code decidedBy} set to the caller, whatever
   * the variables say.
   *
   * @throws CompletionDeniedException when the completing listener refuses; the task stays open
   * @throws ProblemException for any other refusal by the engine (404 for a task that is gone)
   */
  public void complete(long userTaskKey, Map<String, Object> variables, String decidedBy) {
    Map<String, Object> given = new LinkedHashMap<>(variables);
    given.put(Variables.DECIDED_BY, decidedBy);
    try {
      camunda.newCompleteUserTaskCommand(userTaskKey).variables(given).send().join();
    } catch (ProblemException e) {
      if (e.code() != 409 || e.details() == null) {
        throw e;
      }
      // The completing listener denied it: its reason is in the problem's detail.
      throw new CompletionDeniedException(deniedReason(e.details().getDetail()));
    }
  }

  /** The reason inside the engine's message ({@code ... Reason: 'x'} or {@code Reason to deny}). */
  static String deniedReason(String detail) {
    if (detail == null) {
      return "no reason given";
    }
    for (String marker : List.of("Reason to deny: '", "Reason: '")) {
      int at = detail.lastIndexOf(marker);
      if (at >= 0) {
        String reason = detail.substring(at + marker.length());
        return reason.endsWith("'") ? reason.substring(0, reason.length() - 1) : reason;
      }
    }
    return detail;
  }
}
