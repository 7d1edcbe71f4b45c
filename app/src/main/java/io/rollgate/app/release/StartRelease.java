package io.rollgate.app.release;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * What a pipeline sends to start a release ({@code POST /api/v1/releases}).
 *
 * @param service the service released, as ServiceNow and LaunchDarkly know it
 * @param version the version released
 * @param commitSha the full 40-character commit the pipeline built
 * @param environment where it goes, for example {@code production}
 * @param changeModel {@code standard}, {@code normal} or {@code emergency}; the service's default
 *     if absent
 * @param repository {@code owner/name} of the repository whose CI builds and deploys it; on GitLab
 *     the project's path, subgroups included
 * @param deployWorkflow the workflow file that deploys, for example {@code deploy.yml}
 * @param flagKey the LaunchDarkly flag the rollout moves
 * @param windowStart when the change window opens; now if absent
 * @param windowEnd when the change window closes: a release whose cutover has not begun by then
 *     holds for a release manager (continue or stop); no end if absent
 * @param waves rollout percentages, rising, ending at 100; the service's default if absent
 * @param bakeTime how long each wave runs before its health check; the service's default if absent
 * @param ciProvider {@code github}, {@code gitlab} or {@code jenkins}: where the pipeline runs; the
 *     service's default, else {@code github}, if absent
 * @param ciWorkflow the workflow file whose run on the commit readiness counts, for example {@code
 *     build.yml}; the service's default if absent, and without one every workflow's latest run on
 *     the commit must have passed
 * @param pipelineUrl the pipeline run that asked for the release, linked from the record
 * @param runbookUrl the service's runbook; readiness is NO_GO without it
 * @param rollbackPlanUrl how the release is undone by hand; readiness is NO_GO without it
 * @param testReportUrl the test report of the build released; readiness is NO_GO without it
 * @param testPassRatio passed over all tests in that report, 0 to 1; below the service's threshold
 *     (every test, unless configured) readiness is NO_GO
 * @param cutoverSteps the cutover plan, run in order ({@link CutoverStep}); the service's default
 *     if absent, and without one cutover runs one GitHub step, {@code deploy}, of {@code
 *     deployWorkflow}
 */
record StartRelease(
    @NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,99}") String service,
    @NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9.+_-]{0,63}") String version,
    @NotBlank @Pattern(regexp = "[0-9a-f]{40}", message = "must be a full 40-character commit SHA")
        String commitSha,
    @NotBlank @Pattern(regexp = "[a-z0-9-]{1,40}") String environment,
    @NotBlank(message = StartRelease.SERVICE_DEFAULT) @Pattern(regexp = "standard|normal|emergency")
        String changeModel,
    @NotBlank
        @Pattern(
            regexp = "[A-Za-z0-9_.-]{1,100}(/[A-Za-z0-9_.-]{1,100}){1,20}",
            message = "must be owner/name (a GitLab project may be group/subgroup/name)")
        String repository,
    @NotBlank String deployWorkflow,
    @NotBlank String flagKey,
    OffsetDateTime windowStart,
    OffsetDateTime windowEnd,
    @NotEmpty(message = StartRelease.SERVICE_DEFAULT) List<Integer> waves,
    @NotNull(message = StartRelease.SERVICE_DEFAULT) Duration bakeTime,
    @Pattern(regexp = "github|gitlab|jenkins", message = "must be github, gitlab or jenkins")
        String ciProvider,
    @Pattern(
            regexp = StartRelease.WORKFLOW_FILE,
            message = "must be a workflow file name such as build.yml")
        String ciWorkflow,
    @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String pipelineUrl,
    @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String runbookUrl,
    @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String rollbackPlanUrl,
    @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String testReportUrl,
    @DecimalMin("0") @DecimalMax("1") Double testPassRatio,
    @Size(min = 1, max = 50, message = "must have 1 to 50 steps; leave it out for one deploy step")
        List<@Valid CutoverStep> cutoverSteps) {

  /** Why a field the service could have given is missing. */
  static final String SERVICE_DEFAULT =
      "is required: give it, or configure the service's default"
          + " (rollgate.service-defaults.<service>.*)";

  /** A GitHub workflow file of {@code .github/workflows}. */
  static final String WORKFLOW_FILE = "[A-Za-z0-9_.-]+\\.ya?ml";
}
