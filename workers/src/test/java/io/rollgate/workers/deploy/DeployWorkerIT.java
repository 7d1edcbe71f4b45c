package io.rollgate.workers.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.exception.BpmnError;
import io.rollgate.connector.Secret;
import io.rollgate.connector.ci.WaitPolicy;
import io.rollgate.connector.ci.github.GitHubClient;
import io.rollgate.sandbox.ci.Behaviour;
import io.rollgate.sandbox.ci.CiSimulator;
import io.rollgate.sandbox.ci.GitHubSim;
import io.rollgate.workers.CiProviders;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The deploy worker against the GitHub Actions simulator. */
class DeployWorkerIT {

  private static final CiSimulator SIM =
      CiSimulator.builder().queueTime(Duration.ofMillis(20)).start();
  private static final String SHA = "d".repeat(40);

  private final DeployWorker deploy =
      new DeployWorker(
          CiProviders.gitHub(
              GitHubClient.builder(SIM.github().baseUri().toString(), Secret.of("token")).build()),
          "main",
          WaitPolicy.of(Duration.ofSeconds(10), Duration.ofMillis(50)));

  @AfterAll
  static void stop() {
    SIM.close();
  }

  @Test
  void runsTheDeployWorkflowWithVersionAndShaAndReturnsTheRun() {
    // given
    SIM.github()
        .workflow("acme", "shop", "deploy.yml", Behaviour.succeedsAfter(Duration.ofMillis(100)));

    // when
    DeployWorker.Output out =
        deploy.handle(new DeployWorker.Input("acme/shop", "deploy.yml", "2.4.0", SHA));

    // then
    assertThat(out.deployUrl()).contains("/acme/shop/actions/runs/");
    List<GitHubSim.Dispatch> dispatches = SIM.github().dispatches();
    GitHubSim.Dispatch last = dispatches.get(dispatches.size() - 1);
    assertThat(last.ref()).isEqualTo("main");
    assertThat(last.inputs()).isEqualTo(Map.of("version", "2.4.0", "sha", SHA));
    assertThat(out.deployUrl()).endsWith("/" + last.runId());
  }

  @Test
  void reportsAFailedDeployAsDeployFailedWithTheRunsAddress() {
    // given
    SIM.github().workflow("acme", "broken", "deploy.yml", Behaviour.failsAfter(Duration.ZERO));

    // when / then
    assertThatThrownBy(
            () -> deploy.handle(new DeployWorker.Input("acme/broken", "deploy.yml", "2.4.1", SHA)))
        .isInstanceOfSatisfying(
            BpmnError.class,
            e -> {
              assertThat(e.getErrorCode()).isEqualTo("DEPLOY_FAILED");
              assertThat(e.getMessage())
                  .contains("ended failed")
                  .contains("/acme/broken/actions/runs/");
            });
  }

  @Test
  void reportsACancelledDeployAsDeployFailed() {
    // given
    SIM.github().workflow("acme", "stopped", "deploy.yml", Behaviour.cancelledAfter(Duration.ZERO));

    // when / then
    assertThatThrownBy(
            () -> deploy.handle(new DeployWorker.Input("acme/stopped", "deploy.yml", "2.4.2", SHA)))
        .isInstanceOfSatisfying(
            BpmnError.class,
            e -> {
              assertThat(e.getErrorCode()).isEqualTo("DEPLOY_FAILED");
              assertThat(e.getMessage()).contains("ended cancelled");
            });
  }
}
