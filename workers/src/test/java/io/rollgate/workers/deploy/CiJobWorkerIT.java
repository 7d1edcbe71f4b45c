package io.rollgate.workers.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.exception.BpmnError;
import io.rollgate.connector.ci.WaitPolicy;
import io.rollgate.sandbox.ci.Behaviour;
import io.rollgate.sandbox.ci.CiSimulator;
import io.rollgate.sandbox.ci.GitHubSim;
import io.rollgate.sandbox.ci.GitLabSim;
import io.rollgate.workers.SimulatedCi;
import io.rollgate.workers.job.InvalidVariableException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The CI job worker of cutover against the GitHub, GitLab and Jenkins simulators. */
class CiJobWorkerIT {

  private static final CiSimulator SIM =
      CiSimulator.builder().queueTime(Duration.ofMillis(20)).start();
  private static final String SHA = "d".repeat(40);

  private final CiJobWorker worker =
      new CiJobWorker(
          SimulatedCi.providers(SIM),
          "main",
          WaitPolicy.of(Duration.ofSeconds(10), Duration.ofMillis(50)));

  @AfterAll
  static void stop() {
    SIM.close();
  }

  private static CiJobWorker.Input github(String repository, String workflow, String key) {
    return input(repository, new CiJobWorker.CiJob("deploy", null, null, workflow), key, "github");
  }

  /** A job of version 2.4.0 at {@link #SHA} of a release whose pipelines run on {@code ci}. */
  private static CiJobWorker.Input input(
      String repository, CiJobWorker.CiJob job, String key, String ci) {
    return new CiJobWorker.Input(repository, "2.4.0", SHA, job, key, ci);
  }

  /** The one build of Jenkins job {@code job}, queued with the step's key. */
  private static void assertQueuedOnceWithKey(String job, String key) {
    assertThat(SIM.jenkins().queuedBuilds())
        .filteredOn(b -> b.job().equals(job))
        .singleElement()
        .satisfies(b -> assertThat(b.parameters()).containsEntry("rollgate_key", key));
  }

  @Test
  void runsTheStepsWorkflowWithVersionShaAndKeyAndReturnsTheRun() {
    // given
    SIM.github()
        .workflow("acme", "shop", "deploy.yml", Behaviour.succeedsAfter(Duration.ofMillis(100)));

    // when
    CiJobWorker.Output out = worker.handle(github("acme/shop", "deploy.yml", "R-1/deploy"));

    // then
    List<GitHubSim.Dispatch> dispatches = SIM.github().dispatches();
    GitHubSim.Dispatch last = dispatches.get(dispatches.size() - 1);
    assertThat(last.ref()).isEqualTo("main");
    assertThat(last.inputs())
        .isEqualTo(Map.of("version", "2.4.0", "sha", SHA, "rollgate_key", "R-1/deploy"));
    assertThat(out.deployUrl()).contains("/acme/shop/actions/runs/").endsWith("/" + last.runId());
  }

  @Test
  void aJobDeliveredAgainFollowsTheGitHubRunItsKeyStartedInsteadOfDispatchingAgain() {
    // given a workflow that shows the key as its run's title, run once for the key
    SIM.github().workflow("acme", "again", "deploy.yml", Behaviour.succeedsAfter(Duration.ZERO));
    SIM.github().runName("acme", "again", "deploy.yml", "${{ inputs.rollgate_key }}");
    CiJobWorker.Output first = worker.handle(github("acme/again", "deploy.yml", "R-2/deploy"));

    // when the same job comes again, and then another step's job
    CiJobWorker.Output second = worker.handle(github("acme/again", "deploy.yml", "R-2/deploy"));
    worker.handle(github("acme/again", "deploy.yml", "R-2/deploy/rollback"));

    // then
    assertThat(second.deployUrl()).isEqualTo(first.deployUrl());
    assertThat(SIM.github().dispatches())
        .filteredOn(d -> d.repo().equals("again"))
        .extracting(d -> d.inputs().get("rollgate_key"))
        .containsExactly("R-2/deploy", "R-2/deploy/rollback");
  }

  @Test
  void aJobDeliveredAgainFollowsTheJenkinsBuildItsKeyStarted() {
    // given
    SIM.jenkins().job("db-migrate", SHA, Behaviour.succeedsAfter(Duration.ZERO));
    CiJobWorker.Input input =
        input(
            "acme/shop",
            new CiJobWorker.CiJob("migrate", "jenkins", null, "db-migrate"),
            "R-3/migrate",
            null);
    CiJobWorker.Output first = worker.handle(input);

    // when
    CiJobWorker.Output second = worker.handle(input);

    // then
    assertThat(second.deployUrl()).isEqualTo(first.deployUrl());
    assertQueuedOnceWithKey("db-migrate", "R-3/migrate");
  }

  @Test
  void aJobDeliveredAgainFollowsTheGitLabPipelineItsKeyStarted() {
    // given
    SIM.gitlab().project("acme/router", 41, Behaviour.succeedsAfter(Duration.ZERO));
    CiJobWorker.Input input =
        input(
            "acme/shop",
            new CiJobWorker.CiJob("routes", "gitlab", "acme/router", null),
            "R-4/routes",
            null);
    CiJobWorker.Output first = worker.handle(input);

    // when
    CiJobWorker.Output second = worker.handle(input);

    // then
    assertThat(second.deployUrl()).isEqualTo(first.deployUrl());
    List<GitLabSim.TriggeredPipeline> runs =
        SIM.gitlab().triggeredPipelines().stream()
            .filter(p -> p.project().equals("acme/router"))
            .toList();
    assertThat(runs).singleElement();
    assertThat(runs.get(0).variables()).containsEntry("rollgate_key", "R-4/routes");
  }

  @Test
  void aJobThatNamesNoCiRunsOnTheReleasesCiSystem() {
    // given a release whose pipelines run on Jenkins, and a job that names no CI system
    SIM.jenkins().job("shop-deploy", SHA, Behaviour.succeedsAfter(Duration.ZERO));
    CiJobWorker.Input input =
        input(
            "acme/shop",
            new CiJobWorker.CiJob("deploy", null, null, "shop-deploy"),
            "R-8/deploy",
            "jenkins");

    // when
    worker.handle(input);

    // then it ran on Jenkins, not on GitHub
    assertQueuedOnceWithKey("shop-deploy", "R-8/deploy");
    assertThat(SIM.github().dispatches())
        .noneMatch(d -> "R-8/deploy".equals(d.inputs().get("rollgate_key")));
  }

  @Test
  void reportsAFailedStepAsCutoverStepFailedWithTheRunsAddress() {
    // given
    SIM.github().workflow("acme", "broken", "deploy.yml", Behaviour.failsAfter(Duration.ZERO));

    // when / then
    assertThatThrownBy(() -> worker.handle(github("acme/broken", "deploy.yml", "R-5/deploy")))
        .isInstanceOfSatisfying(
            BpmnError.class,
            e -> {
              assertThat(e.getErrorCode()).isEqualTo("CUTOVER_STEP_FAILED");
              assertThat(e.getMessage())
                  .contains("step deploy")
                  .contains("ended failed")
                  .contains("/acme/broken/actions/runs/");
            });
  }

  @Test
  void reportsACancelledStepAsCutoverStepFailed() {
    // given
    SIM.github().workflow("acme", "stopped", "deploy.yml", Behaviour.cancelledAfter(Duration.ZERO));

    // when / then
    assertThatThrownBy(() -> worker.handle(github("acme/stopped", "deploy.yml", "R-6/deploy")))
        .isInstanceOfSatisfying(
            BpmnError.class,
            e -> {
              assertThat(e.getErrorCode()).isEqualTo("CUTOVER_STEP_FAILED");
              assertThat(e.getMessage()).contains("ended cancelled");
            });
  }

  @Test
  void aStepOnACiRollgateDoesNotKnowIsAnIncidentNamingIt() {
    // given
    CiJobWorker.Input input =
        input(
            "acme/shop",
            new CiJobWorker.CiJob("deploy", "circleci", null, "deploy"),
            "R-7/deploy",
            null);

    // when / then
    assertThatThrownBy(() -> worker.handle(input))
        .isInstanceOf(InvalidVariableException.class)
        .hasMessageContaining("ciJob")
        .hasMessageContaining("circleci");
  }
}
