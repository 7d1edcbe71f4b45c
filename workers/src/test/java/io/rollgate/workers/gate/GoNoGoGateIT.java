package io.rollgate.workers.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.client.api.worker.JobWorker;
import io.rollgate.connector.servicenow.model.ChangeRequest;
import io.rollgate.connector.servicenow.model.ChangeState;
import io.rollgate.processes.Lifecycle;
import io.rollgate.processes.Lifecycle.Variables;
import io.rollgate.sandbox.ci.Behaviour;
import io.rollgate.sandbox.launchdarkly.FlagSeed;
import io.rollgate.workers.WorkersOnEngine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The go/no-go gate of the shipped release model on the embedded engine, with the lifecycle's
 * workers against the ServiceNow, LaunchDarkly and CI simulators: what a completion does to the
 * change in ServiceNow and to the deploy in CI. The service's own record jobs are completed here,
 * as the service would.
 */
class GoNoGoGateIT extends WorkersOnEngine {

  private static final AtomicInteger RELEASES = new AtomicInteger();
  private static final List<JobWorker> RECORDERS = new ArrayList<>();

  private String releaseId;
  private String service;
  private String version;

  @BeforeEach
  void deployTheLifecycleAndRecordLikeTheService() {
    var deploy =
        client.newDeployResourceCommand().addResourceFromClasspath(Lifecycle.RESOURCES.get(0));
    for (String resource : Lifecycle.RESOURCES.subList(1, Lifecycle.RESOURCES.size())) {
      deploy = deploy.addResourceFromClasspath(resource);
    }
    deploy.send().join();
    synchronized (RECORDERS) {
      if (RECORDERS.isEmpty()) {
        for (String type : Lifecycle.Jobs.RECORDING) {
          RECORDERS.add(
              client
                  .newWorker()
                  .jobType(type)
                  .handler((jobs, job) -> jobs.newCompleteCommand(job).send().join())
                  .pollInterval(Duration.ofMillis(100))
                  .open());
        }
      }
    }
    int n = RELEASES.incrementAndGet();
    releaseId = "R-GATE-" + n;
    service = "gate-svc-" + n;
    version = "7.0." + n;
  }

  @AfterAll
  static void stopRecording() {
    RECORDERS.forEach(JobWorker::close);
  }

  /** A release of a service with an open P2 (GO_WITH_RISK), green CI, a flag and a deploy. */
  private long startRiskyRelease(String changeType, boolean withP2) {
    if (withP2) {
      WORLD.servicenow.addIncident(
          Map.of("priority", "2", "business_service", service, "short_description", "slow"));
    }
    String repo = service;
    String sha = String.format("%040x", RELEASES.get() * 7919L);
    WORLD.ci.github().workflow("acme", repo, "build.yml", Behaviour.succeedsAfter(Duration.ZERO));
    WORLD.ci.github().seedRun("acme", repo, "build.yml", sha, "main", "push");
    WORLD.ci.github().workflow("acme", repo, "deploy.yml", Behaviour.succeedsAfter(Duration.ZERO));
    WORLD.launchDarkly.seedFlag(FlagSeed.bool("rollgate", service + "-flag"));
    Map<String, Object> v = new HashMap<>();
    v.put(Variables.RELEASE_ID, releaseId);
    v.put(Variables.SERVICE, service);
    v.put(Variables.VERSION, version);
    v.put(Variables.COMMIT_SHA, sha);
    v.put(Variables.REPOSITORY, "acme/" + repo);
    v.put(Variables.DEPLOY_WORKFLOW, "deploy.yml");
    v.put(Variables.FLAG_KEY, service + "-flag");
    v.put(Variables.CHANGE_TYPE, changeType);
    v.put(Variables.WINDOW_START, Instant.now().minusSeconds(60).toString());
    v.put(Variables.WAVES, List.of(100));
    v.put(Variables.BAKE_TIME, "PT1S");
    v.put(Variables.APPROVAL_POLL_INTERVAL, "PT1S");
    v.put(Variables.REQUESTED_BY, "pat");
    return start(Lifecycle.Processes.RELEASE, v);
  }

  private UserTask openGoNoGo(long instance) {
    // Generous: a step retried after a dropped connection waits out the job retry back-off.
    return await()
        .atMost(Duration.ofSeconds(90))
        .until(
            () ->
                client
                    .newUserTaskSearchRequest()
                    .filter(
                        f ->
                            f.processInstanceKey(instance)
                                .elementId(Lifecycle.UserTasks.GO_NO_GO)
                                .state(UserTaskState.CREATED))
                    .send()
                    .join()
                    .items(),
            tasks -> tasks.size() == 1)
        .get(0);
  }

  private void complete(UserTask task, Map<String, Object> variables) {
    client.newCompleteUserTaskCommand(task.getUserTaskKey()).variables(variables).send().join();
  }

  private ChangeRequest change() {
    return WORLD.connections.servicenow().findChangeByCorrelationId(releaseId).orElseThrow();
  }

  private boolean deployed() {
    return WORLD.ci.github().dispatches().stream()
        .anyMatch(d -> version.equals(d.inputs().get("version")));
  }

  @Test
  void deniesEveryCompletionThatIsNotAValidDecisionAndKeepsTheReleaseBeforeCutover() {
    // given a release at go/no-go over a GO_WITH_RISK verdict
    long instance = startRiskyRelease("standard", true);
    UserTask task = openGoNoGo(instance);

    // when / then: nothing, a misspelled decision, the requester, GO over risk unjustified
    assertThatThrownBy(() -> complete(task, Map.of()))
        .hasMessageContaining("no decision: choose GO or NO_GO");
    assertThatThrownBy(() -> complete(task, Map.of("goDecision", "no-go", "decidedBy", "rita")))
        .hasMessageContaining("decision 'no-go' is not one of GO, NO_GO");
    assertThatThrownBy(
            () ->
                complete(
                    task,
                    Map.of(
                        "goDecision", "GO",
                        "justification", "my own release is fine",
                        "acceptedRisks", List.of("open P2"),
                        "decidedBy", "pat")))
        .hasMessageContaining("pat requested this release and cannot decide its go/no-go");
    assertThatThrownBy(() -> complete(task, Map.of("goDecision", "GO", "decidedBy", "rita")))
        .hasMessageContaining("a justification is required");
    assertThatThrownBy(
            () ->
                complete(
                    task,
                    Map.of("goDecision", "GO", "justification", "known P2", "decidedBy", "rita")))
        .hasMessageContaining("each risk accepted by name");

    // then the task is still open and nothing was cut over
    assertThat(openGoNoGo(instance).getUserTaskKey()).isEqualTo(task.getUserTaskKey());
    assertThat(visited(Lifecycle.Processes.RELEASE, instance, "changeWindow")).isFalse();
    assertThat(change().state()).isNotIn(ChangeState.IMPLEMENT, ChangeState.CLOSED);
    assertThat(deployed()).isFalse();
  }

  @Test
  void theRequesterCannotApproveInTasklistEither() {
    // given the task claimed by the release's requester, as Tasklist completes it
    long instance = startRiskyRelease("standard", true);
    UserTask task = openGoNoGo(instance);
    client.newAssignUserTaskCommand(task.getUserTaskKey()).assignee("pat").send().join();

    // when
    assertThatThrownBy(
            () ->
                complete(
                    task,
                    Map.of(
                        "goDecision", "GO",
                        "justification", "fine by me",
                        "acceptedRisks", List.of("open P2"))))
        // then
        .hasMessageContaining("pat requested this release");
    assertThat(deployed()).isFalse();
  }

  @Test
  void aJustifiedGoOverAcceptedRisksReleasesAndClosesTheChangeSuccessful() {
    // given
    long instance = startRiskyRelease("standard", true);
    UserTask task = openGoNoGo(instance);

    // when
    complete(
        task,
        Map.of(
            "goDecision", "GO",
            "justification", "the P2 is known and unrelated",
            "acceptedRisks", List.of("open P1/P2 incidents on the service"),
            "decidedBy", "rita"));

    // then
    await().atMost(Duration.ofSeconds(60)).until(() -> change().state() == ChangeState.CLOSED);
    ChangeRequest change = change();
    assertThat(change.field("close_code").value()).isEqualTo("successful");
    assertThat(change.field("close_notes").value())
        .isEqualTo("Released to 100% by Rollgate release " + releaseId + ".");
    assertThat(deployed()).isTrue();
  }

  @Test
  void aNoGoCancelsTheChangeWithTheJustificationAndNeverDeploys() {
    // given
    long instance = startRiskyRelease("standard", true);
    UserTask task = openGoNoGo(instance);

    // when
    complete(
        task,
        Map.of(
            "goDecision",
            "NO_GO",
            "justification",
            "the P2 is not understood",
            "decidedBy",
            "rita"));

    // then
    await().atMost(Duration.ofSeconds(30)).until(() -> change().state() == ChangeState.CANCELED);
    assertThat(change().field("close_notes").value())
        .isEqualTo("Stopped at go/no-go: the P2 is not understood");
    assertThat(WORLD.servicenow.workNotes(change().number()))
        .contains("Stopped at go/no-go: the P2 is not understood");
    assertThat(visited(Lifecycle.Processes.RELEASE, instance, "stoppedByManager")).isTrue();
    assertThat(deployed()).isFalse();
  }

  @Test
  void anEmergencyChangeGoesOnlyWithTwoDistinctApprovers() {
    // given an emergency release the CAB approved in ServiceNow
    long instance = startRiskyRelease("emergency", false);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                WORLD
                    .connections
                    .servicenow()
                    .findChangeByCorrelationId(releaseId)
                    .map(c -> "requested".equals(c.approval()))
                    .orElse(false));
    WORLD.servicenow.approve(change().number(), "expedited");
    Map<String, Object> go = Map.of("goDecision", "GO", "justification", "hotfix for P1");

    // when the first approver says GO
    UserTask first = openGoNoGo(instance);
    complete(first, withApprover(go, "rita"));

    // then a second approval is asked for, and the first approver cannot give it
    UserTask second =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> openGoNoGo(instance), t -> t.getUserTaskKey() != first.getUserTaskKey());
    assertThatThrownBy(() -> complete(second, withApprover(go, "rita")))
        .hasMessageContaining("rita already approved this release");
    assertThat(deployed()).isFalse();

    // when a second release manager approves
    complete(second, withApprover(go, "sam"));

    // then
    await().atMost(Duration.ofSeconds(60)).until(this::deployed);
  }

  private static Map<String, Object> withApprover(Map<String, Object> decision, String who) {
    Map<String, Object> v = new HashMap<>(decision);
    v.put("decidedBy", who);
    return v;
  }

  private boolean visited(String process, long instance, String elementId) {
    return !client
        .newElementInstanceSearchRequest()
        .filter(f -> f.processInstanceKey(instance).elementId(elementId))
        .send()
        .join()
        .items()
        .isEmpty();
  }
}
