package io.rollgate.workers.change;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.rollgate.connector.servicenow.ServiceNowClient;
import io.rollgate.processes.Lifecycle;
import io.rollgate.processes.Lifecycle.Variables;
import io.rollgate.workers.job.InvalidVariableException;

/**
 * {@code servicenow-add-work-note}: writes the model's {@code workNote} on the release's change,
 * for example the go/no-go decision and the risks it accepted, so the CAB and the change manager
 * read it where they work.
 */
final class AddWorkNoteWorker {

  record Input(String changeSysId, String workNote) {
    Input {
      InvalidVariableException.require(
          changeSysId != null && !changeSysId.isBlank(), Variables.CHANGE_SYS_ID, "is missing");
      InvalidVariableException.require(
          workNote != null && !workNote.isBlank(), Variables.WORK_NOTE, "is missing");
    }
  }

  record Output() {}

  private final ServiceNowClient servicenow;

  AddWorkNoteWorker(ServiceNowClient servicenow) {
    this.servicenow = servicenow;
  }

  @JobWorker(type = Lifecycle.Jobs.SERVICENOW_ADD_WORK_NOTE)
  public Output handle(@VariablesAsType Input input) {
    servicenow.addWorkNote(input.changeSysId(), input.workNote());
    return new Output();
  }
}
