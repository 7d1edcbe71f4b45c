package io.rollgate.connector.ci;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rollgate.connector.Secret;
import io.rollgate.connector.TestResilience;
import io.rollgate.connector.ci.github.GitHubClient;
import io.rollgate.connector.ci.github.GitHubSpec;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which run {@link GitHubActionsProvider#triggerAndWait} follows, for both answers GitHub gives a
 * workflow dispatch, against MockWebServer; every request is validated against the spec.
 */
class GitHubActionsProviderTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RUNS = "/repos/acme/shop/actions/workflows/deploy.yml/runs";
  private static final String DISPATCHES =
      "/repos/acme/shop/actions/workflows/deploy.yml/dispatches";
  private static final WaitPolicy WAIT =
      WaitPolicy.of(Duration.ofSeconds(5), Duration.ofMillis(10));

  private MockWebServer server;
  private GitHubActionsProvider provider;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start(InetAddress.getLoopbackAddress(), 0);
    GitHubClient client =
        GitHubClient.builder(server.url("/").toString(), Secret.of("ghp_test-token"))
            .resilience(TestResilience.fast("github", 3))
            .build();
    provider = new GitHubActionsProvider(client, "acme", "shop");
  }

  @AfterEach
  void stop() throws Exception {
    server.shutdown();
  }

  private static ObjectNode run(long id, String status, String conclusion) {
    ObjectNode run = GitHubSpec.exampleObject("workflow-run");
    run.put("id", id)
        .put("event", "workflow_dispatch")
        .put("status", status)
        .put("html_url", "https://github.com/acme/shop/actions/runs/" + id);
    if (conclusion == null) {
      run.putNull("conclusion");
    } else {
      run.put("conclusion", conclusion);
    }
    return run;
  }

  private void answer(int status, JsonNode body) {
    server.enqueue(
        new MockResponse()
            .setResponseCode(status)
            .setHeader("Content-Type", "application/json; charset=utf-8")
            .setBody(body.toString()));
  }

  /** The workflow's dispatched runs, newest first. */
  private void runsListed(ObjectNode... runs) {
    ObjectNode body = JSON.createObjectNode().put("total_count", runs.length);
    ArrayNode items = body.putArray("workflow_runs");
    for (ObjectNode r : runs) {
      items.add(r);
    }
    answer(200, body);
  }

  /** Every request received, validated against the spec, as {@code METHOD path}. */
  private List<RecordedRequest> received() throws InterruptedException {
    List<RecordedRequest> all = new ArrayList<>();
    RecordedRequest r;
    while ((r = server.takeRequest(100, TimeUnit.MILLISECONDS)) != null) {
      GitHubSpec.assertConforms(r);
      all.add(r);
    }
    return all;
  }

  private static List<String> calls(List<RecordedRequest> requests) {
    return requests.stream()
        .map(r -> r.getMethod() + " " + r.getRequestUrl().encodedPath())
        .toList();
  }

  @Test
  void followsTheRunGitHubNamesInItsDispatchAnswerWithoutListingRunsAgain() throws Exception {
    // given an earlier dispatched run still going, and GitHub's 200 answer naming run 202
    runsListed(run(100, "in_progress", null));
    ObjectNode details = GitHubSpec.exampleObject("workflow-dispatch-response");
    details
        .put("workflow_run_id", 202L)
        .put("run_url", "https://api.github.com/repos/acme/shop/actions/runs/202")
        .put("html_url", "https://github.com/acme/shop/actions/runs/202");
    answer(200, details);
    answer(200, run(202, "completed", "success"));
    // when
    CiRun run =
        provider.triggerAndWait(
            TriggerRequest.of("deploy.yml", "main", Map.of("RELEASE_ID", "rel-42")), WAIT);
    // then
    List<RecordedRequest> requests = received();
    assertThat(calls(requests))
        .containsExactly(
            "GET " + RUNS, "POST " + DISPATCHES, "GET /repos/acme/shop/actions/runs/202");
    assertThat(JSON.readTree(requests.get(1).getBody().readUtf8()))
        .isEqualTo(
            JSON.readTree(
                "{\"ref\":\"main\",\"inputs\":{\"RELEASE_ID\":\"rel-42\"},"
                    + "\"return_run_details\":true}"));
    assertThat(run.id()).isEqualTo("202");
    assertThat(run.state()).isEqualTo(PipelineState.SUCCEEDED);
    assertThat(run.url()).isEqualTo("https://github.com/acme/shop/actions/runs/202");
  }

  @Test
  void fallsBackToTheOldestNewDispatchedRunWhenGitHubAnswers204() throws Exception {
    // given a server that predates return_run_details; our run 201 shows up after one empty look,
    // together with a later run 202 someone else dispatched
    runsListed(run(100, "in_progress", null));
    server.enqueue(new MockResponse().setResponseCode(204));
    runsListed(run(100, "in_progress", null));
    runsListed(run(202, "queued", null), run(201, "queued", null), run(100, "in_progress", null));
    answer(200, run(201, "completed", "failure"));
    // when
    CiRun run = provider.triggerAndWait(TriggerRequest.of("deploy.yml", "main", Map.of()), WAIT);
    // then
    List<RecordedRequest> requests = received();
    assertThat(calls(requests))
        .containsExactly(
            "GET " + RUNS,
            "POST " + DISPATCHES,
            "GET " + RUNS,
            "GET " + RUNS,
            "GET /repos/acme/shop/actions/runs/201");
    assertThat(JSON.readTree(requests.get(1).getBody().readUtf8()))
        .isEqualTo(JSON.readTree("{\"ref\":\"main\",\"return_run_details\":true}"));
    assertThat(requests.get(2).getRequestUrl().queryParameter("event"))
        .isEqualTo("workflow_dispatch");
    assertThat(requests.get(2).getRequestUrl().queryParameter("branch")).isEqualTo("main");
    assertThat(run.id()).isEqualTo("201");
    assertThat(run.state()).isEqualTo(PipelineState.FAILED);
  }
}
