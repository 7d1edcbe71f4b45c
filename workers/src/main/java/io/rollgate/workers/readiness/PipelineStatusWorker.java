package io.rollgate.workers.readiness;

import io.rollgate.connector.ci.PipelineState;
import io.rollgate.connector.ci.PipelineStatus;
import io.rollgate.processes.Lifecycle;
import io.rollgate.workers.CiProviders;
import io.rollgate.workers.job.InvalidVariableException;
import io.rollgate.workers.job.Worker;

/** {@code ci-pipeline-status}: whether CI passed on the release's commit. */
final class PipelineStatusWorker
    implements Worker<PipelineStatusWorker.Input, PipelineStatusWorker.Output> {

  record Input(String repository, String commitSha) {
    Input {
      try {
        CiProviders.ownerAndName(repository);
      } catch (IllegalArgumentException e) {
        throw new InvalidVariableException(Lifecycle.Variables.REPOSITORY, "is " + e.getMessage());
      }
    }
  }

  /**
   * @param ciGreen true only when every workflow's latest run on the commit succeeded
   * @param ciUrl the run that decided, or null when the commit has no run yet
   */
  record Output(boolean ciGreen, String ciUrl) {}

  private final CiProviders ci;

  PipelineStatusWorker(CiProviders ci) {
    this.ci = ci;
  }

  @Override
  public String jobType() {
    return Lifecycle.Jobs.CI_PIPELINE_STATUS;
  }

  @Override
  public Class<Input> inputType() {
    return Input.class;
  }

  @Override
  public Output handle(Input input) {
    PipelineStatus status =
        ci.forRepository(input.repository()).pipelineStatus(null, input.commitSha());
    return new Output(status.state() == PipelineState.SUCCEEDED, status.url());
  }
}
