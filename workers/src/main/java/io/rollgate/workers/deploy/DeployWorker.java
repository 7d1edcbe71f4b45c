package io.rollgate.workers.deploy;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.camunda.client.exception.CamundaError;
import io.rollgate.connector.ci.CiRun;
import io.rollgate.connector.ci.PipelineState;
import io.rollgate.connector.ci.TriggerRequest;
import io.rollgate.connector.ci.WaitPolicy;
import io.rollgate.processes.Lifecycle;
import io.rollgate.workers.CiProviders;
import io.rollgate.workers.job.InvalidVariableException;
import java.util.Map;

/**
 * {@code ci-deploy}: runs the deploy workflow of the repository with inputs {@code version} and
 * {@code sha}, on the configured ref, and waits for it to end. A failed or cancelled run is the
 * model's {@code DEPLOY_FAILED}; a run that does not end in time is an incident, never a second
 * trigger.
 *
 * <p>Not idempotent on its own: each job starts a run. The worker therefore holds the job longer
 * than the wait (see {@code WorkerValues}), so the engine does not hand it out again meanwhile.
 */
final class DeployWorker {

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

  @JobWorker(type = Lifecycle.Jobs.CI_DEPLOY)
  public Output handle(@VariablesAsType Input input) {
    TriggerRequest request =
        TriggerRequest.of(
            input.deployWorkflow(),
            ref,
            Map.of("version", input.version(), "sha", input.commitSha()));
    CiRun run = ci.forRepository(input.repository()).triggerAndWait(request, wait);
    if (run.state() != PipelineState.SUCCEEDED) {
      throw CamundaError.bpmnError(
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
