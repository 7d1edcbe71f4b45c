package io.rollgate.workers.change;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.rollgate.connector.servicenow.ServiceNowClient;
import io.rollgate.connector.servicenow.model.ChangeRequest;
import io.rollgate.connector.servicenow.model.ChangeState;
import io.rollgate.processes.Lifecycle;

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

  record Output(String cabDecision) {}

  private final ServiceNowClient servicenow;

  CheckApprovalWorker(ServiceNowClient servicenow) {
    this.servicenow = servicenow;
  }

  @JobWorker(type = Lifecycle.Jobs.SERVICENOW_CHECK_APPROVAL)
  public Output handle(@VariablesAsType Input input) {
    ChangeRequest change = servicenow.getChange(input.changeSysId());
    if ("approved".equals(change.approval())) {
      return new Output(APPROVED);
    }
    if ("rejected".equals(change.approval()) || change.state() == ChangeState.CANCELED) {
      return new Output(REJECTED);
    }
    return new Output(PENDING);
  }
}
