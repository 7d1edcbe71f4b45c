package io.rollgate.workers.rollout;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.rollgate.processes.Lifecycle;

/**
 * {@code launchdarkly-rollback}: rolls the flag back to 0%, so every context gets {@code false},
 * and confirms through the SDK that it is served.
 */
final class RollbackWorker {

  record Input(String releaseId, String flagKey) {}

  record Output(int flagVersion) {}

  private final FlagRollout rollout;

  RollbackWorker(FlagRollout rollout) {
    this.rollout = rollout;
  }

  @JobWorker(type = Lifecycle.Jobs.LAUNCHDARKLY_ROLLBACK)
  public Output handle(@VariablesAsType Input input) {
    String comment = "Rollgate release " + input.releaseId() + ": rollback to 0%";
    return new Output(rollout.serve(input.flagKey(), 0, false, comment));
  }
}
