package io.rollgate.connector.ci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rollgate.connector.NonRetryableException;
import io.rollgate.connector.Secret;
import io.rollgate.connector.ci.github.CheckRun;
import io.rollgate.connector.ci.github.CombinedStatus;
import io.rollgate.connector.ci.github.Deployment;
import io.rollgate.connector.ci.github.DeploymentStatus;
import io.rollgate.connector.ci.github.GitHubClient;
import io.rollgate.connector.ci.github.GitHubSpec;
import io.rollgate.connector.ci.github.NewDeployment;
import io.rollgate.connector.ci.github.NewDeploymentStatus;
import io.rollgate.connector.ci.github.ProtectionRuleEvent;
import io.rollgate.connector.ci.github.ProtectionRuleReview;
import io.rollgate.connector.ci.github.ProtectionRuleWebhook;
import io.rollgate.sandbox.ci.Behaviour;
import io.rollgate.sandbox.ci.CiSimulator;
import io.rollgate.sandbox.ci.GitHubSim;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What only GitHub has: checks, statuses, deployments, protection rules, against the simulator. */
class GitHubSimulatorIT {

  private static final String SHA = "9fceb02d0ae598e95dc970b74767f19372d61af8";
  private static CiSimulator sim;
  private GitHubClient client;

  @BeforeAll
  static void startSimulator() {
    sim = CiSimulator.builder().queueTime(Duration.ofMillis(20)).start();
  }

  @AfterAll
  static void stopSimulator() {
    sim.close();
  }

  @BeforeEach
  void reset() {
    sim.reset();
    sim.github()
        .workflow("acme", "shop", "deploy.yml", Behaviour.succeedsAfter(Duration.ofSeconds(30)));
    sim.github().branchHead("acme", "shop", "main", SHA);
    client = SimBackends.github(sim);
  }

  @Test
  void readsSeededCheckRunsAndTheCombinedStatusOfACommit() {
    // given
    sim.github().seedCheckRun("acme", "shop", SHA, "unit-tests", "completed", "success");
    sim.github().seedCheckRun("acme", "shop", SHA, "e2e", "in_progress", null);
    sim.github().seedStatus("acme", "shop", SHA, "ci/jenkins", "success");
    sim.github().seedStatus("acme", "shop", SHA, "security/scan", "failure");
    // when
    List<CheckRun> checks = client.checkRuns("acme", "shop", SHA);
    CombinedStatus combined = client.combinedStatus("acme", "shop", "main");
    // then
    assertThat(checks)
        .extracting(CheckRun::name, CheckRun::conclusion)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("e2e", null),
            org.assertj.core.groups.Tuple.tuple("unit-tests", "success"));
    assertThat(combined.state()).isEqualTo("failure");
    assertThat(combined.sha()).isEqualTo(SHA);
    assertThat(combined.statuses()).hasSize(2);
  }

  @Test
  void createsADeploymentAndReportsItsStatusesNewestFirst() {
    // given
    sim.github().seedStatus("acme", "shop", SHA, "ci/build", "success");
    // when
    Deployment deployment =
        client.createDeployment("acme", "shop", NewDeployment.of("main", "production", "rel-42"));
    client.createDeploymentStatus(
        "acme",
        "shop",
        deployment.id(),
        NewDeploymentStatus.of("in_progress", "rolling out", null));
    client.createDeploymentStatus(
        "acme",
        "shop",
        deployment.id(),
        NewDeploymentStatus.of("success", "done", "https://logs/42"));
    // then
    assertThat(deployment.sha()).isEqualTo(SHA);
    assertThat(client.deployments("acme", "shop", SHA, "production"))
        .extracting(Deployment::id)
        .containsExactly(deployment.id());
    assertThat(client.deploymentStatuses("acme", "shop", deployment.id()))
        .extracting(DeploymentStatus::state)
        .containsExactly("success", "in_progress");
  }

  @Test
  void refusesADeploymentWhoseStatusChecksFail() {
    // given
    sim.github().seedStatus("acme", "shop", SHA, "ci/build", "failure");
    // when / then
    assertThatThrownBy(
            () ->
                client.createDeployment(
                    "acme", "shop", NewDeployment.of("main", "production", "x")))
        .isInstanceOf(NonRetryableException.class)
        .hasMessageContaining("HTTP 409: Conflict: Commit status checks failed for main.");
  }

  @Test
  void answersTheProtectionRuleTheWebhookAskedAbout() {
    // given a run waiting on the rule and the signed delivery GitHub would send
    long runId = sim.github().seedRun("acme", "shop", "deploy.yml", SHA, "main", "push");
    byte[] body =
        sim.github()
            .protectionRuleEvent("acme", "shop", runId, "production")
            .getBytes(StandardCharsets.UTF_8);
    String signature = GitHubSim.signature("hook-secret", body);
    ProtectionRuleEvent event =
        new ProtectionRuleWebhook(Secret.of("hook-secret")).parse(body, signature);
    // when
    client.reviewProtectionRule(
        event, ProtectionRuleReview.reject("production", "NO-GO: CAB rejected"));
    // then
    assertThat(event.runId()).isEqualTo(runId);
    assertThat(sim.github().protectionRuleReviews())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.runId()).isEqualTo(runId);
              assertThat(r.environmentName()).isEqualTo("production");
              assertThat(r.state()).isEqualTo("rejected");
              assertThat(r.comment()).isEqualTo("NO-GO: CAB rejected");
            });
  }

  @Test
  void followsTheRunGitHubNamesAndNotOneDispatchedJustBeforeIt() throws Exception {
    // given a run someone else dispatched just before ours, not listed yet when we look but
    // listed before ours would be
    sim.github()
        .workflow("acme", "shop", "deploy.yml", Behaviour.succeedsAfter(Duration.ofMillis(200)));
    sim.github().dispatchDelay(Duration.ofMillis(300));
    HttpResponse<String> theirs =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            sim.github().baseUri()
                                + "/repos/acme/shop/actions/workflows/deploy.yml/dispatches"))
                    .header("Authorization", "Bearer ghp_someone-else")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"ref\":\"main\"}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    GitHubActionsProvider provider = new GitHubActionsProvider(client, "acme", "shop");
    // when
    CiRun run =
        provider.triggerAndWait(
            TriggerRequest.of("deploy.yml", "main", Map.of("n", "2")),
            WaitPolicy.of(Duration.ofSeconds(5), Duration.ofMillis(50)));
    // then
    assertThat(theirs.statusCode()).isEqualTo(204);
    GitHubSim.Dispatch ours = sim.github().dispatches().get(1);
    assertThat(ours.inputs()).containsEntry("n", "2");
    assertThat(ours.runDetails()).isTrue();
    assertThat(run.id()).isEqualTo(String.valueOf(ours.runId()));
    assertThat(run.id()).isNotEqualTo(String.valueOf(sim.github().dispatches().get(0).runId()));
    assertThat(run.state()).isEqualTo(PipelineState.SUCCEEDED);
  }

  @Test
  void theDispatchAnswersHaveTheSpecsShapes() throws Exception {
    // given
    String path = "/repos/acme/shop/actions/workflows/deploy.yml/dispatches";
    HttpClient http = HttpClient.newHttpClient();
    // when / then
    for (String body :
        List.of(
            "{\"ref\":\"main\",\"return_run_details\":true}",
            "{\"ref\":\"main\",\"return_run_details\":false}",
            "{\"ref\":\"main\",\"inputs\":{\"n\":\"1\"}}")) {
      HttpResponse<String> answer =
          http.send(
              HttpRequest.newBuilder(URI.create(sim.github().baseUri() + path))
                  .header("Authorization", "Bearer ghs_sim")
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode())
          .as(body)
          .isEqualTo(body.contains("\"return_run_details\":true") ? 200 : 204);
      assertThat(
              GitHubSpec.exchangeErrors(
                  "POST",
                  path,
                  body,
                  answer.statusCode(),
                  answer.headers().firstValue("Content-Type").orElse(null),
                  answer.body()))
          .as("%s -> %d %s", body, answer.statusCode(), answer.body())
          .isEmpty();
    }
  }

  @Test
  void matchesItsOwnDispatchedRunAndNotAnEarlierOneWhenGitHubDoesNotNameIt() throws Exception {
    // given a server that predates return_run_details, and an earlier dispatched run, already
    // listed and still going on the same branch
    sim.github().legacyDispatch(true);
    sim.github().dispatchDelay(Duration.ofMillis(50));
    client.dispatchWorkflow("acme", "shop", "deploy.yml", "main", Map.of("n", "1"));
    Thread.sleep(150);
    sim.github()
        .workflow("acme", "shop", "deploy.yml", Behaviour.succeedsAfter(Duration.ofMillis(200)));
    sim.github().dispatchDelay(Duration.ofMillis(400));
    GitHubActionsProvider provider = new GitHubActionsProvider(client, "acme", "shop");
    // when
    CiRun run =
        provider.triggerAndWait(
            TriggerRequest.of("deploy.yml", "main", Map.of("n", "2")),
            WaitPolicy.of(Duration.ofSeconds(5), Duration.ofMillis(50)));
    // then
    GitHubSim.Dispatch ours = sim.github().dispatches().get(1);
    assertThat(ours.inputs()).containsEntry("n", "2");
    assertThat(ours.runDetails()).isFalse();
    assertThat(run.id()).isEqualTo(String.valueOf(ours.runId()));
    assertThat(run.state()).isEqualTo(PipelineState.SUCCEEDED);
  }
}
