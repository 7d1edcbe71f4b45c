package io.rollgate.connector.ci.github;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.rollgate.connector.ApiCalls;
import io.rollgate.connector.ClientBuilder;
import io.rollgate.connector.Resilience;
import io.rollgate.connector.RetrofitApi;
import io.rollgate.connector.Secret;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GitHub REST API client for Actions runs, check runs, commit statuses, deployments and custom
 * deployment protection rules. Sends {@code Accept: application/vnd.github+json}, {@code
 * X-GitHub-Api-Version: 2022-11-28} and {@code Authorization: Bearer <token>} on every request.
 *
 * <p>Every method goes through the {@code github} {@link Resilience} instance: timeouts, 5xx, 429
 * and rate-limit 403s ({@code x-ratelimit-remaining: 0}, or {@code Retry-After}) are retried,
 * waiting until the reset GitHub names, and then thrown as {@link
 * io.rollgate.connector.RetryableException}; other errors are thrown at once as {@link
 * io.rollgate.connector.NonRetryableException} with GitHub's message. Thread-safe.
 */
public final class GitHubClient {

  static final String SYSTEM = "github";
  static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .setSerializationInclusion(JsonInclude.Include.NON_NULL)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private static final Logger LOG = LoggerFactory.getLogger(GitHubClient.class);
  private static final int PAGE = 100;

  private final GitHubApi api;
  private final ApiCalls calls;
  private final Resilience resilience;

  private GitHubClient(Builder b) {
    this.resilience = b.effectiveResilience();
    this.calls = new ApiCalls(SYSTEM, GitHubErrors.errorBodies(), b.effectiveClock());
    String token = b.token.value();
    OkHttpClient http =
        resilience
            .httpClient()
            .addInterceptor(
                chain ->
                    chain.proceed(
                        chain
                            .request()
                            .newBuilder()
                            .header("Accept", "application/vnd.github+json")
                            .header("X-GitHub-Api-Version", "2022-11-28")
                            .header("Authorization", "Bearer " + token)
                            .header("User-Agent", "rollgate")
                            .build()))
            .build();
    this.api = RetrofitApi.create(GitHubApi.class, b.baseUrl, http, JSON);
  }

  /**
   * @param baseUrl the API root: {@code https://api.github.com}, {@code https://HOST/api/v3} for
   *     GitHub Enterprise Server, or a simulator
   * @param token a personal access token or GitHub App installation token
   */
  public static Builder builder(String baseUrl, Secret token) {
    return new Builder(baseUrl, token);
  }

  /** Workflow runs of every workflow for commit {@code sha}, newest first (up to 100). */
  public List<WorkflowRun> workflowRuns(String owner, String repo, String sha) {
    return call(
            "list-runs-for-commit",
            "repo=" + owner + "/" + repo + " sha=" + sha,
            () -> calls.body(api.runsForCommit(owner, repo, sha, PAGE)))
        .workflowRuns();
  }

  /** Runs of workflow {@code workflow} (file name or id) for commit {@code sha}, newest first. */
  public List<WorkflowRun> workflowRuns(String owner, String repo, String workflow, String sha) {
    return call(
            "list-workflow-runs",
            "repo=" + owner + "/" + repo + " workflow=" + workflow + " sha=" + sha,
            () -> calls.body(api.workflowRuns(owner, repo, workflow, sha, null, null, null, PAGE)))
        .workflowRuns();
  }

  /**
   * Runs of {@code workflow} started by {@code workflow_dispatch} on {@code branch} and created at
   * or after {@code since} (whole seconds), newest first.
   */
  public List<WorkflowRun> dispatchedRuns(
      String owner, String repo, String workflow, String branch, Instant since) {
    String created = ">=" + since.truncatedTo(ChronoUnit.SECONDS);
    return call(
            "list-dispatched-runs",
            "repo=" + owner + "/" + repo + " workflow=" + workflow + " branch=" + branch,
            () ->
                calls.body(
                    api.workflowRuns(
                        owner, repo, workflow, null, "workflow_dispatch", branch, created, PAGE)))
        .workflowRuns();
  }

  /** One workflow run. */
  public WorkflowRun workflowRun(String owner, String repo, long runId) {
    return call(
        "get-run",
        "repo=" + owner + "/" + repo + " run_id=" + runId,
        () -> calls.body(api.run(owner, repo, runId)));
  }

  /**
   * Fires a {@code workflow_dispatch} event, always asking GitHub to name the run it starts ({@code
   * return_run_details: true}). GitHub answers 200 with the run's id, which is returned. Servers
   * that predate the parameter (older GitHub Enterprise Server releases) answer 204 without naming
   * the run: the result is then empty, and the run has to be found with {@link #dispatchedRuns}.
   *
   * @param ref the branch or tag the workflow runs on
   * @param inputs the workflow's inputs, at most 25
   * @return the started run's id, or empty when GitHub answered 204
   */
  public Optional<Long> dispatchWorkflow(
      String owner, String repo, String workflow, String ref, Map<String, String> inputs) {
    if (inputs.size() > 25) {
      throw new IllegalArgumentException("GitHub accepts at most 25 workflow inputs");
    }
    GitHubApi.DispatchAnswer answer =
        call(
            "dispatch-workflow",
            "repo=" + owner + "/" + repo + " workflow=" + workflow + " ref=" + ref,
            () ->
                calls
                    .execute(
                        api.dispatch(
                            owner,
                            repo,
                            workflow,
                            new GitHubApi.Dispatch(
                                ref, inputs.isEmpty() ? null : inputs, Boolean.TRUE)))
                    .body());
    return answer == null ? Optional.empty() : Optional.of(answer.workflowRunId());
  }

  /** Check runs on {@code ref} (SHA, branch or tag), newest first (up to 100). */
  public List<CheckRun> checkRuns(String owner, String repo, String ref) {
    return call(
            "list-check-runs",
            "repo=" + owner + "/" + repo + " ref=" + ref,
            () -> calls.body(api.checkRuns(owner, repo, ref, PAGE)))
        .checkRuns();
  }

  /** The combined commit status of {@code ref}. */
  public CombinedStatus combinedStatus(String owner, String repo, String ref) {
    return call(
        "get-combined-status",
        "repo=" + owner + "/" + repo + " ref=" + ref,
        () -> calls.body(api.combinedStatus(owner, repo, ref)));
  }

  /**
   * Creates a deployment. GitHub refuses with 409 when required status checks fail and 422 when the
   * ref is unknown; both are thrown as non-retryable with GitHub's message.
   */
  public Deployment createDeployment(String owner, String repo, NewDeployment deployment) {
    return call(
        "create-deployment",
        "repo="
            + owner
            + "/"
            + repo
            + " ref="
            + deployment.ref()
            + " env="
            + deployment.environment(),
        () -> calls.body(api.createDeployment(owner, repo, deployment)));
  }

  /**
   * Deployments of {@code sha} to {@code environment} (either may be {@code null}), newest first.
   */
  public List<Deployment> deployments(String owner, String repo, String sha, String environment) {
    return call(
        "list-deployments",
        "repo=" + owner + "/" + repo + " sha=" + sha + " env=" + environment,
        () -> calls.body(api.deployments(owner, repo, sha, environment, PAGE)));
  }

  public DeploymentStatus createDeploymentStatus(
      String owner, String repo, long deploymentId, NewDeploymentStatus status) {
    return call(
        "create-deployment-status",
        "repo="
            + owner
            + "/"
            + repo
            + " deployment_id="
            + deploymentId
            + " state="
            + status.state(),
        () -> calls.body(api.createDeploymentStatus(owner, repo, deploymentId, status)));
  }

  /** Statuses of a deployment, newest first. */
  public List<DeploymentStatus> deploymentStatuses(String owner, String repo, long deploymentId) {
    return call(
        "list-deployment-statuses",
        "repo=" + owner + "/" + repo + " deployment_id=" + deploymentId,
        () -> calls.body(api.deploymentStatuses(owner, repo, deploymentId, PAGE)));
  }

  /**
   * Approves or rejects the deployment of run {@code runId} waiting on a custom protection rule.
   */
  public void reviewProtectionRule(
      String owner, String repo, long runId, ProtectionRuleReview review) {
    call(
        "review-protection-rule",
        "repo="
            + owner
            + "/"
            + repo
            + " run_id="
            + runId
            + " env="
            + review.environmentName()
            + " state="
            + review.state(),
        () -> calls.execute(api.reviewProtectionRule(owner, repo, runId, review)));
  }

  /** Answers the request a webhook delivered (the run and repository it names). */
  public void reviewProtectionRule(ProtectionRuleEvent event, ProtectionRuleReview review) {
    reviewProtectionRule(event.owner(), event.repo(), event.runId(), review);
  }

  private <T> T call(String operation, String context, Supplier<T> body) {
    return resilience.call(operation, context, body);
  }

  /** Settings of a {@link GitHubClient}. */
  public static final class Builder extends ClientBuilder<Builder> {
    private final String baseUrl;
    private final Secret token;

    private Builder(String baseUrl, Secret token) {
      super(SYSTEM);
      this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
      this.token = Objects.requireNonNull(token, "token");
    }

    public GitHubClient build() {
      return new GitHubClient(this);
    }
  }
}
