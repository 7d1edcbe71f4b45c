package io.rollgate.connector.ci.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rollgate.connector.NonRetryableException;
import io.rollgate.connector.RetryableException;
import io.rollgate.connector.Secret;
import io.rollgate.connector.TestResilience;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GitHubClientTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SHA = "acb5820ced9479c074f688cc328bf03f341a511d";

  private MockWebServer server;
  private GitHubClient client;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start(java.net.InetAddress.getLoopbackAddress(), 0);
    client =
        GitHubClient.builder(server.url("/").toString(), Secret.of("ghp_test-token"))
            .resilience(TestResilience.fast("github", 3))
            .build();
  }

  @AfterEach
  void stop() throws Exception {
    server.shutdown();
  }

  static ObjectNode run(long id, String status, String conclusion, String createdAt) {
    ObjectNode run = GitHubSpec.exampleObject("workflow-run");
    run.put("id", id).put("status", status).put("created_at", createdAt);
    if (conclusion == null) {
      run.putNull("conclusion");
    } else {
      run.put("conclusion", conclusion);
    }
    return run;
  }

  static MockResponse runList(ObjectNode... runs) {
    ObjectNode body = JSON.createObjectNode().put("total_count", runs.length);
    ArrayNode items = body.putArray("workflow_runs");
    for (ObjectNode r : runs) {
      items.add(r);
    }
    return json(200, body);
  }

  static MockResponse json(int status, JsonNode body) {
    return new MockResponse()
        .setResponseCode(status)
        .setHeader("Content-Type", "application/json; charset=utf-8")
        .setBody(body.toString());
  }

  private RecordedRequest taken() throws InterruptedException {
    RecordedRequest request = server.takeRequest(2, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(request).as("a request reached the server").isNotNull();
    GitHubSpec.assertConforms(request);
    return request;
  }

  @Test
  void readsTheWorkflowRunsOfACommitWithGitHubsHeaders() throws Exception {
    // given the spec's example run, completed successfully
    server.enqueue(runList(run(30433642, "completed", "success", "2020-01-22T19:33:08Z")));
    // when
    List<WorkflowRun> runs = client.workflowRuns("octo-org", "octo-repo", SHA);
    // then
    RecordedRequest request = taken();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getRequestUrl().encodedPath())
        .isEqualTo("/repos/octo-org/octo-repo/actions/runs");
    assertThat(request.getRequestUrl().queryParameter("head_sha")).isEqualTo(SHA);
    assertThat(request.getHeader("Accept")).isEqualTo("application/vnd.github+json");
    assertThat(request.getHeader("X-GitHub-Api-Version")).isEqualTo("2022-11-28");
    assertThat(request.getHeader("Authorization")).isEqualTo("Bearer ghp_test-token");
    assertThat(runs)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.id()).isEqualTo(30433642L);
              assertThat(r.headSha()).isEqualTo(SHA);
              assertThat(r.workflowId()).isEqualTo(159038L);
              assertThat(r.conclusion()).isEqualTo("success");
              assertThat(r.htmlUrl())
                  .isEqualTo("https://github.com/octo-org/octo-repo/actions/runs/30433642");
              assertThat(r.createdAt()).isEqualTo(Instant.parse("2020-01-22T19:33:08Z"));
            });
  }

  @Test
  void dispatchesAWorkflowAskingForRunDetailsAndAcceptsTheOlder204WithoutThem() throws Exception {
    // given a server that predates return_run_details
    server.enqueue(new MockResponse().setResponseCode(204));
    // when
    Optional<Long> named =
        client.dispatchWorkflow(
            "octo-org", "octo-repo", "deploy.yml", "main", Map.of("environment", "prod"));
    // then
    RecordedRequest request = taken();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getPath())
        .isEqualTo("/repos/octo-org/octo-repo/actions/workflows/deploy.yml/dispatches");
    assertThat(JSON.readTree(request.getBody().readUtf8()))
        .isEqualTo(
            JSON.readTree(
                "{\"ref\":\"main\",\"inputs\":{\"environment\":\"prod\"},"
                    + "\"return_run_details\":true}"));
    assertThat(named).isEmpty();
  }

  @Test
  void returnsTheRunIdWhenTheDispatchAnswerNamesIt() throws Exception {
    // given GitHub's 200 answer with run details
    ObjectNode details = GitHubSpec.exampleObject("workflow-dispatch-response");
    details.put("workflow_run_id", 30433642L);
    server.enqueue(json(200, details));
    // when
    Optional<Long> named =
        client.dispatchWorkflow("o", "r", "deploy.yml", "main", Map.of("RELEASE_ID", "rel-42"));
    // then
    RecordedRequest request = taken();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getPath()).isEqualTo("/repos/o/r/actions/workflows/deploy.yml/dispatches");
    assertThat(JSON.readTree(request.getBody().readUtf8()))
        .isEqualTo(
            JSON.readTree(
                "{\"ref\":\"main\",\"inputs\":{\"RELEASE_ID\":\"rel-42\"},"
                    + "\"return_run_details\":true}"));
    assertThat(named).contains(30433642L);
  }

  @Test
  void findsDispatchedRunsByEventBranchAndCreationTime() throws Exception {
    // given
    ObjectNode newest =
        run(2, "queued", null, "2026-11-23T10:00:05Z").put("event", "workflow_dispatch");
    server.enqueue(runList(newest));
    // when
    List<WorkflowRun> runs =
        client.dispatchedRuns(
            "octo-org",
            "octo-repo",
            "deploy.yml",
            "main",
            Instant.parse("2026-11-23T10:00:01.700Z"));
    // then
    RecordedRequest request = taken();
    assertThat(request.getRequestUrl().encodedPath())
        .isEqualTo("/repos/octo-org/octo-repo/actions/workflows/deploy.yml/runs");
    assertThat(request.getRequestUrl().queryParameter("event")).isEqualTo("workflow_dispatch");
    assertThat(request.getRequestUrl().queryParameter("branch")).isEqualTo("main");
    assertThat(request.getRequestUrl().queryParameter("created"))
        .isEqualTo(">=2026-11-23T10:00:01Z");
    assertThat(runs)
        .extracting(WorkflowRun::id, WorkflowRun::status)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(2L, "queued"));
  }

  @Test
  void readsCheckRunsAndTheCombinedStatusOfARef() throws Exception {
    // given the spec's examples
    ObjectNode checks = JSON.createObjectNode().put("total_count", 1);
    checks.putArray("check_runs").add(GitHubSpec.example("check-run"));
    server.enqueue(json(200, checks));
    server.enqueue(json(200, GitHubSpec.example("combined-commit-status")));
    // when
    List<CheckRun> checkRuns = client.checkRuns("octocat", "Hello-World", SHA);
    CombinedStatus combined = client.combinedStatus("octocat", "Hello-World", SHA);
    // then
    RecordedRequest first = taken();
    assertThat(first.getRequestUrl().encodedPath())
        .isEqualTo("/repos/octocat/Hello-World/commits/" + SHA + "/check-runs");
    RecordedRequest second = taken();
    assertThat(second.getPath()).isEqualTo("/repos/octocat/Hello-World/commits/" + SHA + "/status");
    assertThat(checkRuns)
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.name()).isEqualTo("mighty_readme");
              assertThat(c.status()).isEqualTo("completed");
              assertThat(c.conclusion()).isEqualTo("neutral");
            });
    assertThat(combined.state()).isEqualTo("success");
    assertThat(combined.statuses())
        .extracting(CombinedStatus.CommitStatus::context)
        .containsExactly("continuous-integration/jenkins", "security/brakeman");
  }

  @Test
  void createsADeploymentWithoutAutoMergeAndReportsItsStatus() throws Exception {
    // given
    server.enqueue(json(201, GitHubSpec.example("deployment")));
    server.enqueue(json(201, GitHubSpec.example("deployment-status")));
    // when
    Deployment deployment =
        client.createDeployment(
            "octocat", "example", NewDeployment.of("topic-branch", "production", "Release 42"));
    DeploymentStatus status =
        client.createDeploymentStatus(
            "octocat",
            "example",
            deployment.id(),
            NewDeploymentStatus.of(
                "success",
                "Deployment finished successfully.",
                "https://example.com/deployment/42/output"));
    // then
    RecordedRequest create = taken();
    assertThat(create.getMethod()).isEqualTo("POST");
    assertThat(create.getPath()).isEqualTo("/repos/octocat/example/deployments");
    assertThat(JSON.readTree(create.getBody().readUtf8()))
        .isEqualTo(
            JSON.readTree(
                "{\"ref\":\"topic-branch\",\"task\":\"deploy\",\"environment\":\"production\","
                    + "\"description\":\"Release 42\",\"auto_merge\":false}"));
    RecordedRequest report = taken();
    assertThat(report.getPath()).isEqualTo("/repos/octocat/example/deployments/1/statuses");
    assertThat(JSON.readTree(report.getBody().readUtf8()))
        .isEqualTo(
            JSON.readTree(
                "{\"state\":\"success\",\"description\":\"Deployment finished successfully.\","
                    + "\"log_url\":\"https://example.com/deployment/42/output\"}"));
    assertThat(deployment.sha()).isEqualTo("a84d88e7554fc1fa21bcbc4efae3c782a70d2b9d");
    assertThat(deployment.environment()).isEqualTo("production");
    assertThat(status.state()).isEqualTo("success");
  }

  @Test
  void listsDeploymentsAndTheirStatusesOfACommit() throws Exception {
    // given
    server.enqueue(json(200, JSON.createArrayNode().add(GitHubSpec.example("deployment"))));
    server.enqueue(json(200, JSON.createArrayNode().add(GitHubSpec.example("deployment-status"))));
    // when
    List<Deployment> deployments = client.deployments("octocat", "example", SHA, "production");
    List<DeploymentStatus> statuses = client.deploymentStatuses("octocat", "example", 1);
    // then
    RecordedRequest list = taken();
    assertThat(list.getRequestUrl().queryParameter("sha")).isEqualTo(SHA);
    assertThat(list.getRequestUrl().queryParameter("environment")).isEqualTo("production");
    RecordedRequest statusList = taken();
    assertThat(statusList.getRequestUrl().encodedPath())
        .isEqualTo("/repos/octocat/example/deployments/1/statuses");
    assertThat(deployments).extracting(Deployment::id).containsExactly(1L);
    assertThat(statuses)
        .extracting(DeploymentStatus::logUrl)
        .containsExactly("https://example.com/deployment/42/output");
  }

  @Test
  void approvesADeploymentWaitingOnAProtectionRule() throws Exception {
    // given
    server.enqueue(new MockResponse().setResponseCode(204));
    // when
    client.reviewProtectionRule(
        "octo-org",
        "octo-repo",
        30433642L,
        ProtectionRuleReview.approve("prod-eus", "All health checks passed."));
    // then
    RecordedRequest request = taken();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getPath())
        .isEqualTo("/repos/octo-org/octo-repo/actions/runs/30433642/deployment_protection_rule");
    assertThat(JSON.readTree(request.getBody().readUtf8()))
        .isEqualTo(
            JSON.readTree(
                "{\"environment_name\":\"prod-eus\",\"state\":\"approved\","
                    + "\"comment\":\"All health checks passed.\"}"));
  }

  @Test
  void specValidationRejectsARequestThatBreaksTheSpec() throws Exception {
    // given a protection rule answer with a state GitHub does not know, sent by hand
    server.enqueue(new MockResponse().setResponseCode(204));
    okhttp3.OkHttpClient raw = new okhttp3.OkHttpClient();
    raw.newCall(
            new okhttp3.Request.Builder()
                .url(server.url("/repos/o/r/actions/runs/1/deployment_protection_rule"))
                .post(
                    okhttp3.RequestBody.create(
                        "{\"environment_name\":\"prod\",\"state\":\"maybe\"}",
                        okhttp3.MediaType.get("application/json")))
                .build())
        .execute()
        .close();
    // when
    ValidationReport report = GitHubSpec.validate(server.takeRequest());
    // then
    assertThat(report.hasErrors()).isTrue();
    assertThat(report.getMessages().toString()).contains("maybe");
  }

  @Test
  void surfacesGitHubsMessageForANotFoundWorkflowWithoutRetrying() throws Exception {
    // given
    server.enqueue(
        json(
            404,
            JSON.readTree(
                "{\"message\":\"Not Found\",\"documentation_url\":"
                    + "\"https://docs.github.com/rest/actions/workflows#create-a-workflow-dispatch-event\","
                    + "\"status\":\"404\"}")));
    // when / then
    assertThatThrownBy(() -> client.dispatchWorkflow("o", "r", "nope.yml", "main", Map.of()))
        .isInstanceOf(NonRetryableException.class)
        .hasMessageContaining("HTTP 404: Not Found");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void retriesTheRateLimitAndWaitsForTheReset() throws Exception {
    // given a spent primary rate limit that resets now, then an answer
    long reset = Instant.now().getEpochSecond();
    server.enqueue(
        json(403, JSON.readTree("{\"message\":\"API rate limit exceeded for user ID 1.\"}"))
            .setHeader("x-ratelimit-remaining", "0")
            .setHeader("x-ratelimit-reset", String.valueOf(reset)));
    server.enqueue(runList());
    // when
    List<WorkflowRun> runs = client.workflowRuns("o", "r", SHA);
    // then
    assertThat(runs).isEmpty();
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void treatsASecondaryRateLimit403WithRetryAfterAsRetryable() throws Exception {
    // given three answers asking to wait
    for (int i = 0; i < 3; i++) {
      server.enqueue(
          json(403, JSON.readTree("{\"message\":\"You have exceeded a secondary rate limit.\"}"))
              .setHeader("Retry-After", "0"));
    }
    // when / then
    assertThatThrownBy(() -> client.workflowRuns("o", "r", SHA))
        .isInstanceOf(RetryableException.class)
        .hasMessageContaining("secondary rate limit");
    assertThat(server.getRequestCount()).isEqualTo(3);
  }
}
