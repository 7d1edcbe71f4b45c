package io.rollgate.workers.change;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.rollgate.connector.servicenow.model.ChangeState;
import io.rollgate.processes.Lifecycle;
import java.util.Map;

/**
 * {@code servicenow-request-approval}: moves the change to Authorize, where ServiceNow asks the CAB
 * (through Assess where the change model requires it). A change already in Authorize or beyond is
 * left as it is.
 */
final class RequestApprovalWorker {

  record Input(String changeSysId) {}

  record Output() {}

  private final ChangeMoves moves;

  RequestApprovalWorker(ChangeMoves moves) {
    this.moves = moves;
  }

  @JobWorker(type = Lifecycle.Jobs.SERVICENOW_REQUEST_APPROVAL)
  public Output handle(@VariablesAsType Input input) {
    moves.advance(input.changeSysId(), ChangeState.AUTHORIZE, Map.of());
    return new Output();
  }
}
