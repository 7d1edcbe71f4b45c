package io.rollgate.workers.change;

import io.rollgate.workers.WorkerConnections;
import io.rollgate.workers.WorkerSettings;
import io.rollgate.workers.job.Worker;
import java.util.List;

/**
 * The ServiceNow change request workers: open ({@code servicenow-create-change}), ask the CAB
 * ({@code servicenow-request-approval}), read its decision ({@code servicenow-check-approval}),
 * escalate an overdue decision ({@code servicenow-escalate-approval}), start implementing ({@code
 * servicenow-start-implementation}) and close ({@code servicenow-close-change}).
 */
public final class ChangeWorkers {

  private ChangeWorkers() {}

  public static List<Worker<?, ?>> create(WorkerConnections connections, WorkerSettings settings) {
    ChangeMoves moves = new ChangeMoves(connections.servicenow());
    return List.of(
        new CreateChangeWorker(connections.servicenow(), settings.standardChangeTemplateId()),
        new RequestApprovalWorker(moves),
        new CheckApprovalWorker(connections.servicenow()),
        new EscalateApprovalWorker(connections.servicenow()),
        new StartImplementationWorker(moves),
        new CloseChangeWorker(moves));
  }
}
