package io.rollgate.workers.change;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.rollgate.connector.servicenow.ServiceNowClient;
import io.rollgate.connector.servicenow.model.ChangeRequest;
import io.rollgate.connector.servicenow.model.ChangeState;
import io.rollgate.processes.Lifecycle;
import io.rollgate.workers.job.MayBeAbsent;
import java.util.Map;
import java.util.Optional;

/**
 * {@code servicenow-cancel-change}: cancels the change of a release that ends before cutover
 * (stopped at go/no-go, rejected by the CAB, no CAB decision by the deadline) or is aborted, with
 * the model's reason as close notes and as a work note. A change already canceled or closed is left
 * as it is, so a job delivered twice writes the reason once. Without {@code changeSysId} (an abort
 * while the change was being opened) the change is found by the release id it carries as
 * correlation id; a release that opened none has nothing to cancel.
 */
final class CancelChangeWorker {

  record Input(@MayBeAbsent String changeSysId, String cancelReason, String releaseId) {}

  record Output() {}

  private final ServiceNowClient servicenow;

  CancelChangeWorker(ServiceNowClient servicenow) {
    this.servicenow = servicenow;
  }

  @JobWorker(type = Lifecycle.Jobs.SERVICENOW_CANCEL_CHANGE)
  public Output handle(@VariablesAsType Input input) {
    Optional<ChangeRequest> found =
        input.changeSysId() != null
            ? Optional.of(servicenow.getChange(input.changeSysId()))
            : servicenow.findChangeByCorrelationId(input.releaseId());
    if (found.isEmpty()) {
      return new Output();
    }
    ChangeRequest change = found.get();
    if (change.state() == ChangeState.CANCELED || change.state() == ChangeState.CLOSED) {
      return new Output();
    }
    // One update carries the state, the notes and the journal entry: a retry after it finds the
    // change canceled and writes nothing twice.
    servicenow.moveTo(
        change.sysId(),
        ChangeState.CANCELED,
        Map.of("close_notes", input.cancelReason(), "work_notes", input.cancelReason()));
    return new Output();
  }
}
