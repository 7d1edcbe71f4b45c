package io.rollgate.workers.change;

import io.rollgate.connector.servicenow.model.ChangeState;
import io.rollgate.processes.Lifecycle;
import io.rollgate.workers.job.Worker;
import java.util.Map;

/**
 * {@code servicenow-request-approval}: moves the change to Authorize, where ServiceNow asks the CAB
 * (through Assess where the change model requires it). A change already in Authorize or beyond is
 * left as it is.
 */
final class RequestApprovalWorker
    implements Worker<RequestApprovalWorker.Input, RequestApprovalWorker.Output> {

  record Input(String changeSysId) {}

  record Output() {}

  private final ChangeMoves moves;

  RequestApprovalWorker(ChangeMoves moves) {
    this.moves = moves;
  }

  @Override
  public String jobType() {
    return Lifecycle.Jobs.SERVICENOW_REQUEST_APPROVAL;
  }

  @Override
  public Class<Input> inputType() {
    return Input.class;
  }

  @Override
  public Output handle(Input input) {
    moves.advance(input.changeSysId(), ChangeState.AUTHORIZE, Map.of());
    return new Output();
  }
}
