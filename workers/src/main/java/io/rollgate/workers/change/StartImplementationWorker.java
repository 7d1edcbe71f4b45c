package io.rollgate.workers.change;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.rollgate.connector.servicenow.model.ChangeState;
import io.rollgate.processes.Lifecycle;
import java.util.Map;

/**
 * {@code servicenow-start-implementation}: moves the change to Implement (a standard change through
 * Scheduled). ServiceNow refuses it for a change that is not approved: an incident.
 */
final class StartImplementationWorker {

  record Input(String changeSysId) {}

  record Output() {}

  private final ChangeMoves moves;

  StartImplementationWorker(ChangeMoves moves) {
    this.moves = moves;
  }

  @JobWorker(type = Lifecycle.Jobs.SERVICENOW_START_IMPLEMENTATION)
  public Output handle(@VariablesAsType Input input) {
    moves.advance(input.changeSysId(), ChangeState.IMPLEMENT, Map.of());
    return new Output();
  }
}
