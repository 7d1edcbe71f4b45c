package io.rollgate.workers.change;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.rollgate.connector.servicenow.ServiceNowClient;
import io.rollgate.connector.servicenow.model.ChangeRequest;
import io.rollgate.connector.servicenow.model.ChangeState;
import io.rollgate.processes.Lifecycle;
import java.util.Map;

/**
 * {@code servicenow-cancel-change}: cancels the change of a release that ends before cutover
 * (stopped at go/no-go, rejected by the CAB, no CAB decision by the deadline), with the model's
 * reason as close notes and as a work note. A change already canceled or closed is left as it is,
 * so a job delivered twice writes the reason once.
 */
final class CancelChangeWorker {

  record Input(String changeSysId, String cancelReason, String releaseId) {}

  record Output() {}

  private final ServiceNowClient servicenow;

  CancelChangeWorker(ServiceNowClient servicenow) {
    this.servicenow = servicenow;
  }

  @JobWorker(type = Lifecycle.Jobs.SERVICENOW_CANCEL_CHANGE)
  public Output handle(@VariablesAsType Input input) {
    ChangeRequest change = servicenow.getChange(input.changeSysId());
    if (change.state() == ChangeState.CANCELED || change.state() == ChangeState.CLOSED) {
      return new Output();
    }
    // One update carries the state, the notes and the journal entry: a retry after it finds the
    // change canceled and writes nothing twice.
    servicenow.moveTo(
        input.changeSysId(),
        ChangeState.CANCELED,
        Map.of("close_notes", input.cancelReason(), "work_notes", input.cancelReason()));
    return new Output();
  }
}
