package io.rollgate.connector.ci.github;

import java.util.List;
import java.util.Map;
import retrofit2.Call;
import retrofit2.http.Body;
import retrofit2.http.GET;
import retrofit2.http.POST;
import retrofit2.http.Path;
import retrofit2.http.Query;

/** The GitHub REST endpoints Rollgate uses (github-ci-subset.json), relative to the API root. */
interface GitHubApi {

  String REPO = "repos/{owner}/{repo}";

  @GET(REPO + "/actions/runs")
  Call<RunList> runsForCommit(
      @Path("owner") String owner,
      @Path("repo") String repo,
      @Query("head_sha") String headSha,
      @Query("per_page") int perPage);

  @GET(REPO + "/actions/workflows/{workflow_id}/runs")
  Call<RunList> workflowRuns(
      @Path("owner") String owner,
      @Path("repo") String repo,
      @Path("workflow_id") String workflow,
      @Query("head_sha") String headSha,
      @Query("event") String event,
      @Query("branch") String branch,
      @Query("created") String created,
      @Query("per_page") int perPage);

  @GET(REPO + "/actions/runs/{run_id}")
  Call<WorkflowRun> run(
      @Path("owner") String owner, @Path("repo") String repo, @Path("run_id") long runId);

  @POST(REPO + "/actions/workflows/{workflow_id}/dispatches")
  Call<DispatchAnswer> dispatch(
      @Path("owner") String owner,
      @Path("repo") String repo,
      @Path("workflow_id") String workflow,
      @Body Dispatch body);

  @POST(REPO + "/actions/runs/{run_id}/deployment_protection_rule")
  Call<Void> reviewProtectionRule(
      @Path("owner") String owner,
      @Path("repo") String repo,
      @Path("run_id") long runId,
      @Body ProtectionRuleReview body);

  @GET(REPO + "/commits/{ref}/check-runs")
  Call<CheckRunList> checkRuns(
      @Path("owner") String owner,
      @Path("repo") String repo,
      @Path("ref") String ref,
      @Query("per_page") int perPage);

  @GET(REPO + "/commits/{ref}/status")
  Call<CombinedStatus> combinedStatus(
      @Path("owner") String owner, @Path("repo") String repo, @Path("ref") String ref);

  @POST(REPO + "/deployments")
  Call<Deployment> createDeployment(
      @Path("owner") String owner, @Path("repo") String repo, @Body NewDeployment body);

  @GET(REPO + "/deployments")
  Call<List<Deployment>> deployments(
      @Path("owner") String owner,
      @Path("repo") String repo,
      @Query("sha") String sha,
      @Query("environment") String environment,
      @Query("per_page") int perPage);

  @POST(REPO + "/deployments/{deployment_id}/statuses")
  Call<DeploymentStatus> createDeploymentStatus(
      @Path("owner") String owner,
      @Path("repo") String repo,
      @Path("deployment_id") long deploymentId,
      @Body NewDeploymentStatus body);

  @GET(REPO + "/deployments/{deployment_id}/statuses")
  Call<List<DeploymentStatus>> deploymentStatuses(
      @Path("owner") String owner,
      @Path("repo") String repo,
      @Path("deployment_id") long deploymentId,
      @Query("per_page") int perPage);

  record RunList(int totalCount, List<WorkflowRun> workflowRuns) {}

  record CheckRunList(int totalCount, List<CheckRun> checkRuns) {}

  /**
   * {@code return_run_details: true} asks GitHub to answer 200 with the run it started; servers
   * that predate the parameter ignore it and answer 204.
   */
  record Dispatch(String ref, Map<String, String> inputs, Boolean returnRunDetails) {}

  /** Only when GitHub answers 200 (return_run_details); a 204 has no body. */
  record DispatchAnswer(long workflowRunId, String runUrl, String htmlUrl) {}
}
