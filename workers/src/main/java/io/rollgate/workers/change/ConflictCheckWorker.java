package io.rollgate.workers.change;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.rollgate.connector.servicenow.ServiceNowClient;
import io.rollgate.connector.servicenow.model.ConflictCheck;
import io.rollgate.processes.Lifecycle;
import java.time.Duration;
import java.util.List;

/**
 * {@code servicenow-check-conflicts}: runs ServiceNow's conflict check on the release's change
 * (other changes scheduled on the same configuration item, blackout windows) and answers how many
 * conflicts it found and with which changes. A check still running after the timeout is retried as
 * a job failure; the model never reads "no answer" as "no conflict".
 */
final class ConflictCheckWorker {

  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  record Input(String changeSysId) {}

  /**
   * @param conflicts how many conflicts the check found
   * @param conflictingChanges the other changes' numbers, or the conflict type where none is named
   */
  record Output(int conflicts, List<String> conflictingChanges) {}

  private final ServiceNowClient servicenow;
  private final Duration timeout;

  ConflictCheckWorker(ServiceNowClient servicenow, Duration timeout) {
    this.servicenow = servicenow;
    this.timeout = timeout;
  }

  @JobWorker(type = Lifecycle.Jobs.SERVICENOW_CHECK_CONFLICTS)
  public Output handle(@VariablesAsType Input input) {
    ConflictCheck check = servicenow.checkConflicts(input.changeSysId(), timeout);
    List<String> with =
        check.conflicts().stream()
            .map(
                c ->
                    c.conflictingChange().displayValue() == null
                            || c.conflictingChange().displayValue().isBlank()
                        ? c.type().displayValue()
                        : c.conflictingChange().displayValue())
            .distinct()
            .toList();
    return new Output(check.conflicts().size(), with);
  }
}
