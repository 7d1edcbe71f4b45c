package io.rollgate.workers.change;

import io.rollgate.connector.servicenow.model.ChangeState;
import io.rollgate.processes.Lifecycle;
import io.rollgate.workers.job.Worker;
import java.util.Map;

/**
 * {@code servicenow-start-implementation}: moves the change to Implement (a standard change through
 * Scheduled). ServiceNow refuses it for a change that is not approved: an incident.
 */
final class StartImplementationWorker
    implements Worker<StartImplementationWorker.Input, StartImplementationWorker.Output> {

  record Input(String changeSysId) {}

  record Output() {}

  private final ChangeMoves moves;

  StartImplementationWorker(ChangeMoves moves) {
    this.moves = moves;
  }

  @Override
  public String jobType() {
    return Lifecycle.Jobs.SERVICENOW_START_IMPLEMENTATION;
  }

  @Override
  public Class<Input> inputType() {
    return Input.class;
  }

  @Override
  public Output handle(Input input) {
    moves.advance(input.changeSysId(), ChangeState.IMPLEMENT, Map.of());
    return new Output();
  }
}
