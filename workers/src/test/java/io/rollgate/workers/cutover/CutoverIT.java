package io.rollgate.workers.cutover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.api.search.response.UserTask;
import io.rollgate.connector.ci.PipelineState;
import io.rollgate.connector.servicenow.model.ChangeRequest;
import io.rollgate.connector.servicenow.model.ChangeState;
import io.rollgate.processes.Lifecycle;
import io.rollgate.processes.Lifecycle.Variables;
import io.rollgate.sandbox.ci.Behaviour;
import io.rollgate.sandbox.ci.GitHubSim;
import io.rollgate.sandbox.ci.GitLabSim;
import io.rollgate.sandbox.ci.JenkinsSim;
import io.rollgate.workers.LifecycleOnEngine;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Cutover runs the release plan's steps in order, and a failed step or a regression rolls back the
 * steps that ran, last first: the shipped models with the workers against the simulators.
 */
class CutoverIT extends LifecycleOnEngine {

  private static final Behaviour OK = Behaviour.succeedsAfter(Duration.ZERO);

  private String repo() {
    return service;
  }

  /** A CI step on GitHub (this release's repository) with a CI rollback. */
  private Map<String, Object> githubStep(String name, Behaviour behaviour) {
    WORLD.ci.github().workflow("acme", repo(), name + ".yml", behaviour);
    WORLD.ci.github().workflow("acme", repo(), name + "-undo.yml", OK);
    return Map.of(
        "name",
        name,
        "kind",
        "ci",
        "pipeline",
        name + ".yml",
        "rollback",
        Map.of("kind", "ci", "pipeline", name + "-undo.yml"));
  }

  private static Map<String, Object> checklistStep(String name, Map<String, Object> rollback) {
    Map<String, Object> step = new HashMap<>();
    step.put("name", name);
    step.put("kind", "manual");
    step.put("instructions", "Switch the load balancer to the new pool.");
    if (rollback != null) {
      step.put("rollback", rollback);
    }
    return step;
  }

  private long release(List<Map<String, Object>> steps) {
    return startRelease("standard", false, OK, Map.of(Variables.CUTOVER_STEPS, steps));
  }

  /** The workflows this release dispatched, in order. */
  private List<String> dispatchedWorkflows() {
    return WORLD.ci.github().dispatches().stream()
        .filter(d -> d.repo().equals(repo()))
        .map(GitHubSim.Dispatch::workflow)
        .toList();
  }

  /** The open checklist step of the release's cutover, once a person can do it. */
  private UserTask awaitChecklistStep(long release) {
    return awaitTask(
        calledInstance(release, Lifecycle.Processes.CUTOVER), Lifecycle.UserTasks.MANUAL_STEP);
  }

  @Test
  void aFailedStepRollsBackTheStepsThatRanLastFirstAndClosesTheChangeUnsuccessful() {
    // given a plan of three steps, the third of which fails
    List<Map<String, Object>> steps =
        List.of(
            githubStep("migrate", OK),
            githubStep("warm-cache", OK),
            githubStep("switch", Behaviour.failsAfter(Duration.ZERO)));

    // when
    long instance = release(steps);

    // then
    ChangeRequest change = awaitChange(instance, ChangeState.CLOSED);
    assertThat(change.field("close_code").value()).isEqualTo("unsuccessful");
    assertThat(change.field("close_notes").value())
        .isEqualTo(
            "Cutover failed; Rollgate release "
                + releaseId
                + " rolled back the steps that ran, last first. The flag was not changed.");
    assertThat(dispatchedWorkflows())
        .containsExactly(
            "migrate.yml",
            "warm-cache.yml",
            "switch.yml",
            "switch-undo.yml",
            "warm-cache-undo.yml",
            "migrate-undo.yml");
    awaitVisited(instance, "rolledBack");
    assertThat(visited(instance, "rollout")).isFalse();
  }

  @Test
  void stepsOnGitLabAndJenkinsRunThereOnceEachAndTheReleaseGoesOn() {
    // given
    WORLD.ci.gitlab().project("acme/" + service + "-routes", 7000 + service.hashCode() % 1000, OK);
    WORLD.ci.jenkins().job(service + "-smoke", "f".repeat(40), OK);
    List<Map<String, Object>> steps =
        List.of(
            Map.of(
                "name",
                "routes",
                "kind",
                "ci",
                "ci",
                "gitlab",
                "repository",
                "acme/" + service + "-routes"),
            Map.of("name", "smoke", "kind", "ci", "ci", "jenkins", "pipeline", service + "-smoke"));

    // when
    long instance = release(steps);

    // then
    ChangeRequest change = awaitChange(instance, ChangeState.CLOSED);
    assertThat(change.field("close_code").value()).isEqualTo("successful");
    assertThat(WORLD.ci.gitlab().triggeredPipelines())
        .filteredOn(p -> p.project().equals("acme/" + service + "-routes"))
        .extracting(GitLabSim.TriggeredPipeline::variables)
        .singleElement()
        .satisfies(v -> assertThat(v).containsEntry("rollgate_key", releaseId + "/routes"));
    assertThat(WORLD.ci.jenkins().queuedBuilds())
        .filteredOn(b -> b.job().equals(service + "-smoke"))
        .extracting(JenkinsSim.QueuedBuild::parameters)
        .singleElement()
        .satisfies(p -> assertThat(p).containsEntry("rollgate_key", releaseId + "/smoke"));
    assertThat(dispatchedWorkflows()).isEmpty();
  }

  @Test
  void aCiStepThatNamesNoCiSystemRunsWhereTheReleasesPipelinesRun() {
    // given a release whose pipelines run on GitLab, built green there, and a CI step naming no CI
    String project = "acme/" + service;
    String sha = String.format("%040x", service.hashCode() & 0xffffffffL);
    WORLD.ci.gitlab().project(project, 9000 + service.hashCode() % 1000, OK);
    WORLD.ci.gitlab().seedPipeline(project, sha, "main", "push");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                WORLD.connections.ci().forJob("gitlab", project).pipelineStatus(null, sha).state()
                    == PipelineState.SUCCEEDED);

    // when
    long instance =
        startRelease(
            "standard",
            false,
            OK,
            Map.of(
                Variables.CI_PROVIDER,
                "gitlab",
                Variables.COMMIT_SHA,
                sha,
                Variables.CUTOVER_STEPS,
                List.of(Map.of("name", "deploy", "kind", "ci"))));

    // then the step ran as a GitLab pipeline of the release's project, and nothing on GitHub
    ChangeRequest change = awaitChange(instance, ChangeState.CLOSED);
    assertThat(change.field("close_code").value()).isEqualTo("successful");
    assertThat(WORLD.ci.gitlab().triggeredPipelines())
        .filteredOn(p -> p.project().equals(project))
        .extracting(GitLabSim.TriggeredPipeline::variables)
        .singleElement()
        .satisfies(
            v ->
                assertThat(v)
                    .containsEntry("rollgate_key", releaseId + "/deploy")
                    .containsEntry("sha", sha));
    assertThat(dispatchedWorkflows()).isEmpty();
  }

  @Test
  void aChecklistStepAPersonReportsFailedIsUndoneByAPersonThenTheCiStepsBeforeIt() {
    // given a CI step, then a checklist step with a checklist rollback
    long instance =
        release(
            List.of(
                githubStep("migrate", OK),
                checklistStep(
                    "switch-pool",
                    Map.of("kind", "manual", "instructions", "Switch back to the old pool."))));
    long cutover = calledInstance(instance, Lifecycle.Processes.CUTOVER);
    UserTask step = awaitTask(cutover, Lifecycle.UserTasks.MANUAL_STEP);
    assertThat(step.getCandidateGroups()).containsExactly(Lifecycle.UserTasks.RELEASE_MANAGERS);
    assertThat(step.getFormKey()).isNotNull();

    // when the person doing it reports it failed
    complete(
        step,
        Map.of(Variables.STEP_OUTCOME, "FAILED", Variables.STEP_NOTES, "new pool answers 502"));

    // then a person undoes it, and only then the CI step before it is rolled back
    UserTask undo =
        awaitTask(
            calledInstance(cutover, Lifecycle.Processes.CUTOVER_ROLLBACK),
            Lifecycle.UserTasks.MANUAL_ROLLBACK);
    assertThat(dispatchedWorkflows()).containsExactly("migrate.yml");
    complete(undo, Map.of(Variables.STEP_OUTCOME, "DONE", Variables.STEP_NOTES, "old pool back"));
    ChangeRequest change = awaitChange(instance, ChangeState.CLOSED);
    assertThat(change.field("close_code").value()).isEqualTo("unsuccessful");
    assertThat(dispatchedWorkflows()).containsExactly("migrate.yml", "migrate-undo.yml");
  }

  @Test
  void aChecklistStepCompletedWithoutAnOutcomeCountsAsFailed() {
    // given
    long instance = release(List.of(githubStep("migrate", OK), checklistStep("verify", null)));
    UserTask step = awaitChecklistStep(instance);

    // when
    complete(step, Map.of());

    // then
    ChangeRequest change = awaitChange(instance, ChangeState.CLOSED);
    assertThat(change.field("close_code").value()).isEqualTo("unsuccessful");
    assertThat(dispatchedWorkflows()).containsExactly("migrate.yml", "migrate-undo.yml");
  }

  @Test
  void aRegressionTurnsTheFlagOffRollsBackTheCutoverStepsAndClosesTheChangeUnsuccessful() {
    // given a cutover whose checklist step is open when a P1 is filed on the service
    long instance = release(List.of(githubStep("migrate", OK), checklistStep("switch-pool", null)));
    UserTask step = awaitChecklistStep(instance);
    WORLD.servicenow.addIncident(
        Map.of("priority", "1", "business_service", service, "short_description", "errors"));

    // when the step is done and the rollout's health check sees the P1
    complete(step, Map.of(Variables.STEP_OUTCOME, "DONE", Variables.STEP_NOTES, "switched"));

    // then
    ChangeRequest change = awaitChange(instance, ChangeState.CLOSED);
    assertThat(change.field("close_code").value()).isEqualTo("unsuccessful");
    assertThat(change.field("close_notes").value())
        .isEqualTo(
            "Rolled back by Rollgate release "
                + releaseId
                + "; the flag serves 0% and the cutover steps were rolled back.");
    assertThat(dispatchedWorkflows()).containsExactly("migrate.yml", "migrate-undo.yml");
    assertThat(flag().rolloutWeightsById()).containsEntry(service + "-flag-true", 0);
  }

  @Test
  void anAbortDuringCutoverRollsBackTheStepsThatBeganLastFirstAndLeavesTheFlagAlone() {
    // given a CI step done and a checklist step (undone by CI) waiting for its person
    WORLD.ci.github().workflow("acme", repo(), "switch-undo.yml", OK);
    long instance =
        release(
            List.of(
                githubStep("migrate", OK),
                checklistStep("switch", Map.of("kind", "ci", "pipeline", "switch-undo.yml"))));
    awaitChecklistStep(instance);
    int flagVersion = flagVersion();

    // when the release is aborted
    abort("rita", "the load balancer vendor reported an outage");

    // then both steps that began are undone, last first, and the change is canceled saying so
    ChangeRequest change = awaitChange(instance, ChangeState.CANCELED);
    assertThat(change.field("close_notes").value())
        .isEqualTo(
            "Release aborted by rita: the load balancer vendor reported an outage. The cutover"
                + " steps that began were rolled back; the flag was not changed.");
    assertThat(dispatchedWorkflows())
        .containsExactly("migrate.yml", "switch-undo.yml", "migrate-undo.yml");
    assertThat(flagVersion()).isEqualTo(flagVersion);
    awaitVisited(instance, "aborted");
    assertThat(visited(instance, "rollout")).isFalse();
  }

  @Test
  void anAbortDuringTheRolloutTurnsTheFlagBackToZeroAndRollsBackTheCutoverSteps() {
    // given a release serving its first wave of two, baking for an hour
    long instance =
        startRelease(
            "standard",
            false,
            OK,
            Map.of(
                Variables.CUTOVER_STEPS,
                List.of(githubStep("migrate", OK)),
                Variables.WAVES,
                List.of(10, 100),
                Variables.BAKE_TIME,
                "PT1H"));
    await()
        .atMost(Duration.ofSeconds(90))
        .until(
            () -> flag().rolloutWeightsById().get(service + "-flag-true"),
            weight -> Integer.valueOf(10_000).equals(weight));
    int servedAt = flagVersion();

    // when the release is aborted
    abort("rita", "error budget spent elsewhere");

    // then the flag serves no one, the cutover step is undone and the change is canceled
    ChangeRequest change = awaitChange(instance, ChangeState.CANCELED);
    assertThat(change.field("close_notes").value())
        .isEqualTo(
            "Release aborted by rita: error budget spent elsewhere. The flag serves 0% and the"
                + " cutover steps were rolled back.");
    assertThat(flag().rolloutWeightsById()).containsEntry(service + "-flag-true", 0);
    assertThat(flagVersion()).isGreaterThan(servedAt);
    assertThat(dispatchedWorkflows()).containsExactly("migrate.yml", "migrate-undo.yml");
    awaitVisited(instance, "aborted");
    assertThat(visited(instance, "closeSuccessful")).isFalse();
  }

  @Test
  void aStepThePipelineDeploysItselfGoesOnWhenItReportsSuccess() {
    // given a plan whose deploy the release's pipeline runs itself
    long instance = release(List.of(pipelineStep("deploy-eu")));

    // when the pipeline reports the step deployed
    reportDeployment("deploy-eu", "success");

    // then the rollout goes on to 100% and the change is closed successful
    ChangeRequest change = awaitChange(instance, ChangeState.CLOSED);
    assertThat(change.field("close_code").value()).isEqualTo("successful");
    assertThat(flag().rolloutWeightsById()).containsEntry(service + "-flag-true", 100_000);
    assertThat(dispatchedWorkflows()).isEmpty();
  }

  @Test
  void aStepThePipelineReportsFailedIsRolledBackAndTheChangeClosedUnsuccessful() {
    // given a CI step, then a deploy the pipeline runs itself
    long instance = release(List.of(githubStep("migrate", OK), pipelineStep("deploy-eu")));

    // when the pipeline reports the deploy failed
    reportDeployment("deploy-eu", "failure");

    // then both steps are undone, last first, the flag untouched
    ChangeRequest change = awaitChange(instance, ChangeState.CLOSED);
    assertThat(change.field("close_code").value()).isEqualTo("unsuccessful");
    assertThat(dispatchedWorkflows())
        .containsExactly("migrate.yml", "deploy-eu-undo.yml", "migrate-undo.yml");
    assertThat(visited(instance, "rollout")).isFalse();
  }

  @Test
  void aStepThePipelineNeverReportsFailsAfterItsTimeout() {
    // given a deploy the pipeline runs itself, waited for two seconds
    long instance =
        startRelease(
            "standard",
            false,
            OK,
            Map.of(
                Variables.CUTOVER_STEPS,
                List.of(pipelineStep("deploy-eu")),
                Variables.DEPLOY_REPORT_TIMEOUT,
                "PT2S"));

    // when no report comes (a report for another step does not count)
    reportDeployment("deploy-us", "success");

    // then
    ChangeRequest change = awaitChange(instance, ChangeState.CLOSED);
    assertThat(change.field("close_code").value()).isEqualTo("unsuccessful");
    assertThat(dispatchedWorkflows()).containsExactly("deploy-eu-undo.yml");
  }

  /** A step the release's pipeline deploys itself and reports, with a CI rollback. */
  private Map<String, Object> pipelineStep(String name) {
    WORLD.ci.github().workflow("acme", repo(), name + "-undo.yml", OK);
    return Map.of(
        "name",
        name,
        "kind",
        "pipeline",
        "rollback",
        Map.of("kind", "ci", "pipeline", name + "-undo.yml"));
  }

  /** What {@code POST /api/v1/releases/{id}/deployments} publishes for a pipeline's report. */
  private void reportDeployment(String step, String result) {
    client
        .newPublishMessageCommand()
        .messageName(Lifecycle.Messages.DEPLOYMENT_REPORTED)
        .correlationKey(releaseId + "/" + step)
        .timeToLive(Duration.ofMinutes(1))
        .variables(
            Map.of(
                Variables.DEPLOY_RESULT,
                result,
                Variables.DEPLOY_URL,
                "https://ci.example/" + releaseId + "/" + step))
        .send()
        .join();
  }
}
