package io.rollgate.workers.rollout;

import io.rollgate.processes.Lifecycle;
import io.rollgate.workers.job.Worker;

/**
 * {@code launchdarkly-rollback}: rolls the flag back to 0%, so every context gets {@code false},
 * and confirms through the SDK that it is served.
 */
final class RollbackWorker implements Worker<RollbackWorker.Input, RollbackWorker.Output> {

  record Input(String releaseId, String flagKey) {}

  record Output(int flagVersion) {}

  private final FlagRollout rollout;

  RollbackWorker(FlagRollout rollout) {
    this.rollout = rollout;
  }

  @Override
  public String jobType() {
    return Lifecycle.Jobs.LAUNCHDARKLY_ROLLBACK;
  }

  @Override
  public Class<Input> inputType() {
    return Input.class;
  }

  @Override
  public Output handle(Input input) {
    String comment = "Rollgate release " + input.releaseId() + ": rollback to 0%";
    return new Output(rollout.serve(input.flagKey(), 0, false, comment));
  }
}
