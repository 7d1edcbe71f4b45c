package io.rollgate.engine.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.rollgate.engine.testing.RollgateEngineTest;
import io.rollgate.engine.testing.TestEngine;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A release lifecycle as Rollgate models it, end to end on the engine: readiness gates in parallel,
 * a readiness decision, a go/no-go for risky releases, a change request with CAB approval (webhook
 * message or polling fallback, in a called process), the change window, phased rollout waves with a
 * health check each, and one rollback path.
 */
@RollgateEngineTest(purgeBetweenTests = true, resetClockBetweenTests = true)
class ReleaseLifecycleIT {
  static TestEngine ENGINE;

  private CamundaClient client;
  private Processes processes;

  @BeforeEach
  void deployLifecycle() throws IOException {
    client = ENGINE.client();
    processes = new Processes(client);
    try (InputStream dmn = getClass().getResourceAsStream("/dmn/readiness.dmn")) {
      client
          .newDeployResourceCommand()
          .addResourceStream(dmn, "readiness.dmn")
          .addProcessModel(changeApproval(), "change-approval.bpmn")
          .addProcessModel(release(), "release.bpmn")
          .send()
          .join();
    }
  }

  static BpmnModelInstance changeApproval() {
    return Bpmn.createExecutableProcess("change-approval")
        .startEvent()
        .exclusiveGateway("changeModel")
        .conditionExpression("changeType = \"standard\"")
        .endEvent("preApproved")
        .moveToLastExclusiveGateway()
        .defaultFlow()
        .serviceTask("requestApproval", t -> t.zeebeJobType("servicenow-request-approval"))
        .exclusiveGateway("awaitAgain")
        .eventBasedGateway("awaitDecision")
        .intermediateCatchEvent("cabDecisionReceived")
        .message(m -> m.name("cab-decision").zeebeCorrelationKeyExpression("changeNumber"))
        .exclusiveGateway("decided")
        .conditionExpression("cabDecision = \"APPROVED\"")
        .endEvent("approved")
        .moveToLastExclusiveGateway()
        .defaultFlow()
        .endEvent("rejected", e -> e.error("CAB_REJECTED"))
        .moveToNode("awaitDecision")
        .intermediateCatchEvent("pollInterval")
        .timerWithDuration("PT1M")
        .serviceTask("checkApproval", t -> t.zeebeJobType("servicenow-check-approval"))
        .exclusiveGateway("stillPending")
        .conditionExpression("cabDecision = \"PENDING\"")
        .connectTo("awaitAgain")
        .moveToNode("stillPending")
        .conditionExpression("cabDecision != \"PENDING\"")
        .connectTo("decided")
        .done();
  }

  static BpmnModelInstance release() {
    return Bpmn.createExecutableProcess("release")
        .startEvent("releaseRequested")
        .parallelGateway("gatherEvidence")
        .serviceTask("ciStatus", t -> t.zeebeJobType("ci-pipeline-status"))
        .parallelGateway("evidenceGathered")
        .moveToNode("gatherEvidence")
        .serviceTask("openIncidents", t -> t.zeebeJobType("servicenow-open-incidents"))
        .connectTo("evidenceGathered")
        .moveToNode("gatherEvidence")
        .serviceTask("freezeFlag", t -> t.zeebeJobType("launchdarkly-freeze-flag"))
        .connectTo("evidenceGathered")
        .moveToNode("evidenceGathered")
        .businessRuleTask(
            "assessReadiness",
            t -> t.zeebeCalledDecisionId("readiness").zeebeResultVariable("readiness"))
        .exclusiveGateway("verdict")
        .conditionExpression("readiness.verdict = \"NO_GO\"")
        .endEvent("notReady")
        .moveToNode("verdict")
        .conditionExpression("readiness.verdict = \"GO_WITH_RISK\"")
        .userTask("goNoGo", u -> u.zeebeUserTask().zeebeCandidateGroups("release-managers"))
        .exclusiveGateway("managerDecision")
        .conditionExpression("goDecision = \"NO_GO\"")
        .endEvent("stoppedByManager")
        .moveToLastExclusiveGateway()
        .defaultFlow()
        .exclusiveGateway("go")
        .moveToNode("verdict")
        .conditionExpression("readiness.verdict = \"GO\"")
        .connectTo("go")
        .serviceTask("createChange", t -> t.zeebeJobType("servicenow-create-change"))
        .callActivity(
            "cabApproval",
            c -> c.zeebeProcessId("change-approval").zeebePropagateAllChildVariables(true))
        .boundaryEvent("cabRejected", b -> b.error("CAB_REJECTED"))
        .endEvent("changeRejected")
        .moveToActivity("cabApproval")
        .intermediateCatchEvent("changeWindow")
        .timerWithDateExpression("windowStart")
        .subProcess(
            "rollout",
            s ->
                s.multiInstance(
                    mi ->
                        mi.sequential()
                            .zeebeInputCollectionExpression("waves")
                            .zeebeInputElement("wave")))
        .embeddedSubProcess()
        .startEvent()
        .serviceTask("setRollout", t -> t.zeebeJobType("launchdarkly-set-rollout"))
        .serviceTask("healthCheck", t -> t.zeebeJobType("health-check"))
        .endEvent()
        .subProcessDone()
        .boundaryEvent("regression", b -> b.error("REGRESSION"))
        .serviceTask("rollbackFlag", t -> t.zeebeJobType("launchdarkly-rollback"))
        .serviceTask(
            "closeUnsuccessful",
            t ->
                t.zeebeJobType("servicenow-close-change")
                    .zeebeInputExpression("\"unsuccessful\"", "closeCode"))
        .endEvent("rolledBack")
        .moveToActivity("rollout")
        .serviceTask(
            "closeSuccessful",
            t ->
                t.zeebeJobType("servicenow-close-change")
                    .zeebeInputExpression("\"successful\"", "closeCode"))
        .endEvent("released")
        .done();
  }

  private long startRelease(Instant windowStart) {
    return processes.start(
        "release",
        Map.of(
            "releaseId",
            "REL-42",
            "service",
            "checkout",
            "waves",
            List.of(1, 10, 100),
            "windowStart",
            windowStart.toString()));
  }

  private ActivatedJob complete(String type, Map<String, Object> variables) {
    ActivatedJob job = processes.activateOne(type);
    client.newCompleteCommand(job).variables(variables).send().join();
    return job;
  }

  private void passReadiness(boolean ciGreen, int openIncidents, boolean freeze) {
    complete("ci-pipeline-status", Map.of("ciGreen", ciGreen));
    complete("servicenow-open-incidents", Map.of("openIncidents", openIncidents));
    complete("launchdarkly-freeze-flag", Map.of("freeze", freeze));
  }

  private void openChange(String changeType) {
    complete(
        "servicenow-create-change", Map.of("changeNumber", "CHG0030001", "changeType", changeType));
  }

  private void awaitActive(long instance, String elementId) {
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> processes.activeElementIds(instance).contains(elementId));
  }

  /** Waits until an instance of any process, the called approval included, waits at the element. */
  private void awaitWaitingAt(String elementId) {
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                !client
                    .newElementInstanceSearchRequest()
                    .filter(
                        f ->
                            f.elementId(elementId)
                                .state(
                                    io.camunda.client.api.search.enums.ElementInstanceState.ACTIVE))
                    .send()
                    .join()
                    .items()
                    .isEmpty());
  }

  private List<Object> rollOutAllWaves() {
    List<Object> waves = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      waves.add(complete("launchdarkly-set-rollout", Map.of()).getVariablesAsMap().get("wave"));
      complete("health-check", Map.of("healthy", true));
    }
    return waves;
  }

  @Test
  void aReadyReleaseIsApprovedByWebhookWaitsForItsWindowAndRollsOutWaveByWave() throws Exception {
    // given
    long instance = startRelease(Instant.now().plus(Duration.ofHours(2)));
    passReadiness(true, 0, false);
    openChange("normal");
    complete("servicenow-request-approval", Map.of());
    awaitWaitingAt("awaitDecision");

    // when the CAB approves in ServiceNow and its webhook becomes a message
    client
        .newPublishMessageCommand()
        .messageName("cab-decision")
        .correlationKey("CHG0030001")
        .variables(Map.of("cabDecision", "APPROVED"))
        .send()
        .join();

    // then it waits for the change window, and only then rolls out
    awaitActive(instance, "changeWindow");
    assertThat(processes.activate("launchdarkly-set-rollout", 1)).isEmpty();
    ENGINE.advanceClock(Duration.ofHours(2).plusMinutes(1));
    assertThat(rollOutAllWaves()).containsExactly(1, 10, 100);
    ActivatedJob close = complete("servicenow-close-change", Map.of());
    assertThat(close.getVariablesAsMap()).containsEntry("closeCode", "successful");
    processes.awaitCompleted(instance);
    assertThat(processes.completedElementIds(instance))
        .contains("assessReadiness", "cabApproval", "changeWindow", "released")
        .doesNotContain("goNoGo", "rolledBack");
    assertThat(processes.rootVariables(instance))
        .containsEntry("readiness", "{\"verdict\":\"GO\",\"reason\":\"every gate passed\"}");
  }

  @Test
  void withoutAWebhookTheApprovalIsPolledUntilTheCabDecides() throws Exception {
    // given
    long instance = startRelease(Instant.now().minusSeconds(60));
    passReadiness(true, 0, false);
    openChange("normal");
    complete("servicenow-request-approval", Map.of());
    awaitWaitingAt("awaitDecision");

    // when no message arrives, each poll interval asks ServiceNow
    ENGINE.advanceClock(Duration.ofMinutes(1).plusSeconds(1));
    complete("servicenow-check-approval", Map.of("cabDecision", "PENDING"));
    awaitWaitingAt("awaitDecision");
    ENGINE.advanceClock(Duration.ofMinutes(1).plusSeconds(1));
    complete("servicenow-check-approval", Map.of("cabDecision", "APPROVED"));

    // then the release goes on: the window has opened already
    rollOutAllWaves();
    complete("servicenow-close-change", Map.of());
    processes.awaitCompleted(instance);
  }

  @Test
  void aRegressionInAWaveRollsBackAndClosesTheChangeUnsuccessful() throws Exception {
    // given a standard change (pre-approved) in an open window
    long instance = startRelease(Instant.now().minusSeconds(60));
    passReadiness(true, 0, false);
    openChange("standard");
    complete("launchdarkly-set-rollout", Map.of());
    complete("health-check", Map.of("healthy", true));
    ActivatedJob secondWave = complete("launchdarkly-set-rollout", Map.of());

    // when the health check of the second wave finds a regression
    ActivatedJob check = processes.activateOne("health-check");
    client
        .newThrowErrorCommand(check)
        .errorCode("REGRESSION")
        .errorMessage("error rate 4.2% > 1%")
        .send()
        .join();

    // then the flag is rolled back, the change closed unsuccessful, and no further wave runs
    complete("launchdarkly-rollback", Map.of());
    ActivatedJob close = complete("servicenow-close-change", Map.of());
    processes.awaitCompleted(instance);
    assertThat(secondWave.getVariablesAsMap()).containsEntry("wave", 10);
    assertThat(close.getVariablesAsMap()).containsEntry("closeCode", "unsuccessful");
    assertThat(processes.completedElementIds(instance))
        .contains("regression", "rolledBack")
        .doesNotContain("released", "closeSuccessful");
    assertThat(processes.activate("launchdarkly-set-rollout", 1)).isEmpty();
  }

  @Test
  void aRiskyReleaseWaitsForTheReleaseManagerWhoCanStopIt() {
    // given open incidents make the readiness GO_WITH_RISK
    long instance = startRelease(Instant.now());
    passReadiness(true, 2, false);
    awaitActive(instance, "goNoGo");
    var task =
        client
            .newUserTaskSearchRequest()
            .filter(f -> f.processInstanceKey(instance))
            .send()
            .join()
            .items()
            .get(0);
    assertThat(task.getCandidateGroups()).containsExactly("release-managers");

    // when
    client
        .newCompleteUserTaskCommand(task.getUserTaskKey())
        .variables(Map.of("goDecision", "NO_GO", "justification", "incident INC0010 still open"))
        .send()
        .join();

    // then no change request is opened
    processes.awaitCompleted(instance);
    assertThat(processes.completedElementIds(instance)).contains("stoppedByManager");
    assertThat(processes.activate("servicenow-create-change", 1)).isEmpty();
  }

  @Test
  void aFrozenReleaseStopsAtReadinessAndACabRejectionEndsTheRelease() {
    // given
    long frozen = startRelease(Instant.now());
    passReadiness(true, 0, true);
    processes.awaitCompleted(frozen);
    assertThat(processes.completedElementIds(frozen)).contains("notReady");
    long rejected = startRelease(Instant.now());
    passReadiness(true, 0, false);
    openChange("emergency");
    complete("servicenow-request-approval", Map.of());
    awaitWaitingAt("awaitDecision");

    // when
    client
        .newPublishMessageCommand()
        .messageName("cab-decision")
        .correlationKey("CHG0030001")
        .variables(Map.of("cabDecision", "REJECTED"))
        .send()
        .join();

    // then
    processes.awaitCompleted(rejected);
    assertThat(processes.completedElementIds(rejected)).contains("cabRejected", "changeRejected");
  }

  @Test
  void aReleaseWaitingForItsCabSurvivesARestartAndStillHearsTheWebhook() {
    // given
    long instance = startRelease(Instant.now().minusSeconds(60));
    passReadiness(true, 0, false);
    openChange("normal");
    complete("servicenow-request-approval", Map.of());
    awaitWaitingAt("awaitDecision");

    // when
    ENGINE.restart();
    client = ENGINE.client();
    processes = new Processes(client);
    client
        .newPublishMessageCommand()
        .messageName("cab-decision")
        .correlationKey("CHG0030001")
        .variables(Map.of("cabDecision", "APPROVED"))
        .send()
        .join();

    // then
    rollOutAllWaves();
    complete("servicenow-close-change", Map.of());
    processes.awaitCompleted(instance);
    assertThat(processes.state(instance)).isEqualTo(ProcessInstanceState.COMPLETED);
  }
}
