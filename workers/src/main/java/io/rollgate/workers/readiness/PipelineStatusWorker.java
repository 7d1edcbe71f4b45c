package io.rollgate.workers.readiness;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.rollgate.connector.ci.PipelineState;
import io.rollgate.connector.ci.PipelineStatus;
import io.rollgate.processes.Lifecycle;
import io.rollgate.workers.CiProviders;
import io.rollgate.workers.job.InvalidVariableException;
import io.rollgate.workers.job.MayBeAbsent;

/**
 * {@code ci-pipeline-status}: whether CI passed on the release's commit, asked of the release's CI
 * system (GitHub Actions, GitLab or Jenkins), in the release's CI workflow when it names one: a
 * green run of another workflow on the commit (a linter, a deploy) says nothing of its build.
 */
final class PipelineStatusWorker {

  /**
   * @param repository GitHub: {@code owner/name}; GitLab: the project path ({@code
   *     group/sub/project}) or id; Jenkins: not used
   * @param ciWorkflow the workflow file whose run counts, for example {@code build.yml} (GitLab:
   *     the pipeline's name, Jenkins: the job, which it requires); null for every workflow of the
   *     commit
   * @param ciProvider {@code github} (also when absent), {@code gitlab} or {@code jenkins}
   */
  record Input(
      String repository,
      String commitSha,
      @MayBeAbsent String ciWorkflow,
      @MayBeAbsent String ciProvider) {
    Input {
      if (ciProvider == null || CiProviders.GITHUB.equals(ciProvider)) {
        try {
          CiProviders.ownerAndName(repository);
        } catch (IllegalArgumentException e) {
          throw new InvalidVariableException(
              Lifecycle.Variables.REPOSITORY, "is " + e.getMessage());
        }
      } else if (CiProviders.JENKINS.equals(ciProvider) && ciWorkflow == null) {
        throw new InvalidVariableException(
            Lifecycle.Variables.CI_WORKFLOW,
            "is missing: on Jenkins it names the job whose build of the commit readiness counts");
      }
    }
  }

  /**
   * @param ciGreen true only when the CI workflow's latest run on the commit succeeded (without a
   *     CI workflow: every workflow's)
   * @param ciState {@code SUCCEEDED}, {@code RUNNING}, {@code PENDING}, {@code FAILED}, ...: a run
   *     still going is waited for by the model, not taken as red
   * @param ciUrl the run that decided, or null when the commit has no run yet
   */
  record Output(boolean ciGreen, String ciState, String ciUrl) {}

  private final CiProviders ci;

  PipelineStatusWorker(CiProviders ci) {
    this.ci = ci;
  }

  @JobWorker(type = Lifecycle.Jobs.CI_PIPELINE_STATUS)
  public Output handle(@VariablesAsType Input input) {
    PipelineStatus status =
        ci.forJob(input.ciProvider(), input.repository())
            .pipelineStatus(input.ciWorkflow(), input.commitSha());
    return new Output(
        status.state() == PipelineState.SUCCEEDED, status.state().name(), status.url());
  }
}
