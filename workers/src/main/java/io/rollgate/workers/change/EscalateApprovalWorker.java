package io.rollgate.workers.change;

import io.rollgate.connector.servicenow.ServiceNowClient;
import io.rollgate.processes.Lifecycle;
import io.rollgate.workers.job.Worker;

/**
 * {@code servicenow-escalate-approval}: the CAB has not decided within the escalation time; a work
 * note on the change says so, where the CAB and the change manager see it. The release keeps
 * waiting until the decision or the deadline.
 */
final class EscalateApprovalWorker
    implements Worker<EscalateApprovalWorker.Input, EscalateApprovalWorker.Output> {

  record Input(String changeSysId, String releaseId) {}

  record Output() {}

  private final ServiceNowClient servicenow;

  EscalateApprovalWorker(ServiceNowClient servicenow) {
    this.servicenow = servicenow;
  }

  @Override
  public String jobType() {
    return Lifecycle.Jobs.SERVICENOW_ESCALATE_APPROVAL;
  }

  @Override
  public Class<Input> inputType() {
    return Input.class;
  }

  @Override
  public Output handle(Input input) {
    servicenow.addWorkNote(
        input.changeSysId(),
        "CAB decision overdue: Rollgate release "
            + input.releaseId()
            + " is waiting for this change's approval and will stop at its deadline.");
    return new Output();
  }
}
