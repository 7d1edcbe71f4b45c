package io.rollgate.workers.deploy;

import io.rollgate.connector.ci.CiRun;
import io.rollgate.connector.ci.PipelineState;
import io.rollgate.connector.ci.TriggerRequest;
import io.rollgate.connector.ci.WaitPolicy;
import io.rollgate.processes.Lifecycle;
import io.rollgate.workers.CiProviders;
import io.rollgate.workers.job.BpmnError;
import io.rollgate.workers.job.InvalidVariableException;
import io.rollgate.workers.job.Worker;
import java.util.Map;

/**
 * {@code ci-deploy}: runs the deploy workflow of the repository with inputs {@code version} and
 * {@code sha}, on the configured ref, and waits for it to end. A failed or cancelled run is the
 * model's {@code DEPLOY_FAILED}; a run that does not end in time is an incident, never a second
 * trigger.
 *
 * <p>Not idempotent on its own: each job starts a run. The worker therefore holds the job longer
 * than the wait (see {@code ReleaseWorkers}), so the engine does not hand it out again meanwhile.
 */
final class DeployWorker implements Worker<DeployWorker.Input, DeployWorker.Output> {

  record Input(String repository, String deployWorkflow, String version, String commitSha) {
    Input {
      try {
        CiProviders.ownerAndName(repository);
      } catch (IllegalArgumentException e) {
        throw new InvalidVariableException(Lifecycle.Variables.REPOSITORY, "is " + e.getMessage());
      }
    }
  }

  record Output(String deployUrl) {}

  private final CiProviders ci;
  private final String ref;
  private final WaitPolicy wait;

  DeployWorker(CiProviders ci, String ref, WaitPolicy wait) {
    this.ci = ci;
    this.ref = ref;
    this.wait = wait;
  }

  @Override
  public String jobType() {
    return Lifecycle.Jobs.CI_DEPLOY;
  }

  @Override
  public Class<Input> inputType() {
    return Input.class;
  }

  @Override
  public Output handle(Input input) {
    TriggerRequest request =
        TriggerRequest.of(
            input.deployWorkflow(),
            ref,
            Map.of("version", input.version(), "sha", input.commitSha()));
    CiRun run = ci.forRepository(input.repository()).triggerAndWait(request, wait);
    if (run.state() != PipelineState.SUCCEEDED) {
      throw new BpmnError(
          Lifecycle.Errors.DEPLOY_FAILED,
          "deploy of "
              + input.version()
              + " ("
              + input.deployWorkflow()
              + " on "
              + input.repository()
              + ") ended "
              + run.state().name().toLowerCase(java.util.Locale.ROOT)
              + (run.conclusion() == null ? "" : " (" + run.conclusion() + ")")
              + ": "
              + run.url());
    }
    return new Output(run.url());
  }
}
