package io.rollgate.workers.deploy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.camunda.client.exception.CamundaError;
import io.rollgate.connector.ci.CiRun;
import io.rollgate.connector.ci.PipelineState;
import io.rollgate.connector.ci.TriggerRequest;
import io.rollgate.connector.ci.WaitPolicy;
import io.rollgate.processes.Lifecycle;
import io.rollgate.processes.Lifecycle.Variables;
import io.rollgate.workers.CiProviders;
import io.rollgate.workers.job.InvalidVariableException;
import io.rollgate.workers.job.MayBeAbsent;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ci-run-job}: runs a cutover step's CI job ({@code ciJob}: the step, or its rollback) with
 * inputs {@code version} and {@code sha}, on the configured ref, and waits for it to end. A job
 * that names no CI system runs where the release's pipelines run ({@code ciProvider}). A failed or
 * cancelled run is the model's {@code CUTOVER_STEP_FAILED}; a run that does not end in time is an
 * incident.
 *
 * <p>Once per {@code ciJobKey}: a job delivered again (a lost answer, a worker restart) finds the
 * run the key started and waits for it, so the step never runs twice.
 */
final class CiJobWorker {

  /**
   * A CI job of the release plan.
   *
   * @param name the step's name, for people
   * @param ci {@code github}, {@code gitlab} or {@code jenkins}; the release's {@code ciProvider}
   *     when absent
   * @param repository GitHub {@code owner/name} or GitLab project; the release's when absent
   * @param pipeline GitHub workflow file, Jenkins job; not used by GitLab
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record CiJob(String name, String ci, String repository, String pipeline) {}

  /**
   * @param ciProvider where the release's pipelines run: {@code github} (also when absent), {@code
   *     gitlab} or {@code jenkins}
   */
  record Input(
      String repository,
      String version,
      String commitSha,
      CiJob ciJob,
      String ciJobKey,
      @MayBeAbsent String ciProvider) {
    Input {
      InvalidVariableException.require(ciJob != null, Variables.CI_JOB, "is missing");
      InvalidVariableException.require(
          ciJobKey != null && !ciJobKey.isBlank(), Variables.CI_JOB_KEY, "is missing");
    }

    /** The CI system the job names, else the release's. */
    String ciOfJob() {
      return ciJob.ci() == null ? ciProvider : ciJob.ci();
    }

    String repositoryOfJob() {
      return ciJob.repository() == null ? repository : ciJob.repository();
    }
  }

  record Output(String deployUrl) {}

  private final CiProviders ci;
  private final String ref;
  private final WaitPolicy wait;

  CiJobWorker(CiProviders ci, String ref, WaitPolicy wait) {
    this.ci = ci;
    this.ref = ref;
    this.wait = wait;
  }

  @JobWorker(type = Lifecycle.Jobs.CI_RUN_JOB)
  public Output handle(@VariablesAsType Input input) {
    CiJob job = input.ciJob();
    TriggerRequest request =
        TriggerRequest.of(
            job.pipeline(), ref, Map.of("version", input.version(), "sha", input.commitSha()));
    CiRun run = provider(input).runOnceAndWait(request, input.ciJobKey(), wait);
    if (run.state() != PipelineState.SUCCEEDED) {
      throw CamundaError.bpmnError(
          Lifecycle.Errors.CUTOVER_STEP_FAILED,
          "step "
              + job.name()
              + " ("
              + (job.pipeline() == null ? "pipeline" : job.pipeline())
              + " on "
              + input.repositoryOfJob()
              + ") ended "
              + run.state().name().toLowerCase(Locale.ROOT)
              + (run.conclusion() == null ? "" : " (" + run.conclusion() + ")")
              + ": "
              + run.url());
    }
    return new Output(run.url());
  }

  private io.rollgate.connector.ci.CiProvider provider(Input input) {
    try {
      return ci.forJob(input.ciOfJob(), input.repositoryOfJob());
    } catch (IllegalArgumentException e) {
      throw new InvalidVariableException(Variables.CI_JOB, "cannot run: " + e.getMessage());
    }
  }
}
