package io.rollgate.workers.change;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.rollgate.connector.servicenow.ServiceNowClient;
import io.rollgate.connector.servicenow.model.Approval;
import io.rollgate.connector.servicenow.model.ChangeRequest;
import io.rollgate.connector.servicenow.model.ChangeState;
import io.rollgate.processes.Lifecycle;
import java.util.function.Predicate;

/**
 * {@code servicenow-check-approval}: the CAB's decision as the change records it — {@code APPROVED}
 * when its approval is approved, {@code REJECTED} when rejected or the change was canceled,
 * otherwise {@code PENDING}. The model decides what follows.
 */
final class CheckApprovalWorker {

  static final String APPROVED = "APPROVED";
  static final String REJECTED = "REJECTED";
  static final String PENDING = "PENDING";

  record Input(String changeSysId) {}

  /**
   * @param cabReason the decided approval's comments (for a canceled change, that it was canceled
   *     in ServiceNow); empty while pending
   */
  record Output(String cabDecision, String cabReason) {}

  private final ServiceNowClient servicenow;

  CheckApprovalWorker(ServiceNowClient servicenow) {
    this.servicenow = servicenow;
  }

  private String comments(String changeSysId, Predicate<Approval> decided) {
    return servicenow.approvals(changeSysId).stream()
        .filter(decided)
        .map(Approval::comments)
        .filter(c -> c != null && !c.isBlank())
        .reduce((first, later) -> later)
        .orElse("");
  }

  @JobWorker(type = Lifecycle.Jobs.SERVICENOW_CHECK_APPROVAL)
  public Output handle(@VariablesAsType Input input) {
    ChangeRequest change = servicenow.getChange(input.changeSysId());
    if ("approved".equals(change.approval())) {
      return new Output(APPROVED, comments(input.changeSysId(), Approval::approved));
    }
    if ("rejected".equals(change.approval())) {
      return new Output(REJECTED, comments(input.changeSysId(), Approval::rejected));
    }
    if (change.state() == ChangeState.CANCELED) {
      return new Output(REJECTED, "change " + change.number() + " was canceled in ServiceNow");
    }
    return new Output(PENDING, "");
  }
}
