package io.rollgate.workers.change;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.rollgate.connector.servicenow.ServiceNowClient;
import io.rollgate.processes.Lifecycle;

/**
 * {@code servicenow-escalate-approval}: the CAB has not decided within the escalation time; a work
 * note on the change says so, where the CAB and the change manager see it. The release keeps
 * waiting until the decision or the deadline.
 */
final class EscalateApprovalWorker {

  record Input(String changeSysId, String releaseId) {}

  record Output() {}

  private final ServiceNowClient servicenow;

  EscalateApprovalWorker(ServiceNowClient servicenow) {
    this.servicenow = servicenow;
  }

  @JobWorker(type = Lifecycle.Jobs.SERVICENOW_ESCALATE_APPROVAL)
  public Output handle(@VariablesAsType Input input) {
    servicenow.addWorkNote(
        input.changeSysId(),
        "CAB decision overdue: Rollgate release "
            + input.releaseId()
            + " is waiting for this change's approval and will stop at its deadline.");
    return new Output();
  }
}
