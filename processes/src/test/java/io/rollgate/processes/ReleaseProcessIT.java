package io.rollgate.processes;

import static io.camunda.process.test.api.CamundaAssert.assertThat;
import static io.rollgate.processes.Lifecycle.Jobs;
import static io.rollgate.processes.Lifecycle.Variables;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.DeployResourceCommandStep1;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.process.test.api.CamundaProcessTestContext;
import io.camunda.process.test.api.CamundaProcessTestExtension;
import io.camunda.process.test.api.CamundaProcessTestRuntimeMode;
import io.camunda.process.test.api.assertions.ProcessInstanceSelectors;
import io.camunda.process.test.api.assertions.UserTaskSelectors;
import io.rollgate.engine.testing.TestEngine;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The shipped release models on the embedded engine, driven by Camunda Process Test with every
 * worker mocked: which path a release takes for each verdict, CAB decision and wave outcome.
 */
class ReleaseProcessIT {
  private static final TestEngine ENGINE = TestEngine.start(UnaryOperator.identity());

  @RegisterExtension
  static final CamundaProcessTestExtension CPT =
      new CamundaProcessTestExtension()
          .withRuntimeMode(CamundaProcessTestRuntimeMode.REMOTE)
          .withRemoteCamundaClientBuilderFactory(
              () ->
                  CamundaClient.newClientBuilder()
                      .restAddress(ENGINE.restAddress())
                      .grpcAddress(URI.create("http://127.0.0.1:1"))
                      .preferRestOverGrpc(true))
          .withRemoteCamundaMonitoringApiAddress(ENGINE.restAddress());

  private CamundaClient client;
  private CamundaProcessTestContext processTestContext;

  @AfterAll
  static void stopEngine() {
    ENGINE.close();
  }

  @BeforeEach
  void deployTheLifecycle() {
    DeployResourceCommandStep1.DeployResourceCommandStep2 deploy = null;
    for (String resource : Lifecycle.RESOURCES) {
      deploy =
          deploy == null
              ? client.newDeployResourceCommand().addResourceFromClasspath(resource)
              : deploy.addResourceFromClasspath(resource);
    }
    deploy.send().join();
    // The service's own records of each gate and outcome; the scenarios look at the path taken.
    Jobs.RECORDING.forEach(type -> processTestContext.mockJobWorker(type).thenComplete());
    // The decision tasks' completing check lets the scenarios' decisions through (its own rules
    // are tested in the workers module).
    processTestContext.mockJobWorker(Jobs.ROLLGATE_DECISION_CHECK).thenComplete();
  }

  /** Workers that find a ready release: green CI, no incidents, no freeze. */
  private void mockReadyEvidence(int openIncidents) {
    processTestContext
        .mockJobWorker(Jobs.SERVICENOW_OPEN_INCIDENTS)
        .thenComplete(Map.of("openIncidents", openIncidents));
    mockReadyEvidenceBesideIncidents();
  }

  /** As {@link #mockReadyEvidence}, the incidents left to the test. */
  private void mockReadyEvidenceBesideIncidents() {
    processTestContext.mockJobWorker(Jobs.CI_PIPELINE_STATUS).thenComplete(Map.of("ciGreen", true));
    processTestContext
        .mockJobWorker(Jobs.LAUNCHDARKLY_FREEZE_FLAG)
        .thenComplete(Map.of("freeze", false));
    processTestContext
        .mockJobWorker(Jobs.SERVICENOW_CREATE_CHANGE)
        .thenComplete(Map.of("changeSysId", "c0ffee", "changeNumber", "CHG0030001"));
    mockNoConflicts();
  }

  private void mockNoConflicts() {
    processTestContext
        .mockJobWorker(Jobs.SERVICENOW_CHECK_CONFLICTS)
        .thenComplete(Map.of("conflicts", 0, "conflictingChanges", List.of()));
  }

  private void mockCutoverAndClose() {
    processTestContext.mockJobWorker(Jobs.SERVICENOW_START_IMPLEMENTATION).thenComplete();
    processTestContext.mockJobWorker(Jobs.CI_RUN_JOB).thenComplete(Map.of("deployUrl", "run/7"));
    processTestContext.mockJobWorker(Jobs.SERVICENOW_CLOSE_CHANGE).thenComplete();
    processTestContext.mockJobWorker(Jobs.LAUNCHDARKLY_ROLLBACK).thenComplete();
    processTestContext.mockJobWorker(Jobs.SERVICENOW_CANCEL_CHANGE).thenComplete();
    processTestContext.mockJobWorker(Jobs.SERVICENOW_ADD_WORK_NOTE).thenComplete();
  }

  /**
   * The go/no-go check as its worker answers a completion it lets through: the approvers so far and
   * none missing. (The worker's own rules are tested in the workers module.)
   */
  private void mockGoNoGoCheckAllowing() {
    processTestContext
        .mockJobWorker(Jobs.ROLLGATE_GO_NO_GO_CHECK)
        .withHandler(
            (jobClient, job) -> {
              client
                  .newSetVariablesCommand(job.getProcessInstanceKey())
                  .variables(
                      Map.of(
                          Variables.GO_APPROVERS,
                          List.of("rita"),
                          Variables.GO_APPROVALS_MISSING,
                          0))
                  .send()
                  .join();
              jobClient.newCompleteCommand(job).send().join();
            });
  }

  private ProcessInstanceEvent startRelease(String changeType) {
    return startRelease(changeType, Map.of());
  }

  private ProcessInstanceEvent startRelease(String changeType, Map<String, Object> more) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(Variables.RELEASE_ID, "REL-42");
    variables.put(Variables.SERVICE, "checkout");
    variables.put(Variables.CHANGE_TYPE, changeType);
    variables.put(Variables.WINDOW_START, Instant.now().minusSeconds(60).toString());
    variables.put(Variables.WAVES, List.of(10, 50, 100));
    variables.put(Variables.BAKE_TIME, "PT5M");
    variables.put(Variables.APPROVAL_POLL_INTERVAL, "PT1M");
    variables.put(Variables.RUNBOOK_URL, "https://wiki.example/runbooks/checkout");
    variables.put(Variables.ROLLBACK_PLAN_URL, "https://wiki.example/rollback/checkout");
    variables.put(Variables.TEST_REPORT_URL, "https://ci.example/reports/42");
    variables.put(Variables.TEST_PASS_RATIO, 1.0);
    variables.putAll(more);
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId(Lifecycle.Processes.RELEASE)
        .latestVersion()
        .variables(variables)
        .send()
        .join();
  }

  private void bakeEveryWave(int waves) {
    for (int i = 0; i < waves; i++) {
      assertThat(ProcessInstanceSelectors.byProcessId(Lifecycle.Processes.RELEASE))
          .hasActiveElements("bake");
      processTestContext.increaseTime(java.time.Duration.ofMinutes(5));
    }
  }

  @Test
  void aReadyStandardChangeIsPreApprovedAndRollsOutEveryWave() {
    // given
    mockReadyEvidence(0);
    mockCutoverAndClose();
    processTestContext.mockJobWorker(Jobs.LAUNCHDARKLY_SET_ROLLOUT).thenComplete();
    processTestContext.mockJobWorker(Jobs.HEALTH_CHECK).thenComplete(Map.of("healthy", true));

    // when
    ProcessInstanceEvent release = startRelease("standard");
    bakeEveryWave(3);

    // then
    assertThat(release)
        .isCompleted()
        .hasCompletedElementsInOrder(
            "assessReadiness",
            "createChange",
            "cabApproval",
            "changeWindow",
            "startImplementation",
            "cutover",
            "closeSuccessful",
            "released")
        .hasCompletedElements("rollout")
        .hasNotActivatedElements("goNoGo", "rollbackFlag")
        .hasVariable(
            "readiness",
            Map.of(
                "findings",
                List.of(),
                "reasons",
                List.of(),
                "verdict",
                "GO",
                "reason",
                "every gate passed"));
    assertThat(ProcessInstanceSelectors.byProcessId(Lifecycle.Processes.CHANGE_APPROVAL))
        .hasCompletedElements("preApproved");
  }

  @Test
  void aRiskyNormalChangeWaitsForTheCabAndThenTheReleaseManager() {
    // given open incidents make the verdict GO_WITH_RISK
    mockReadyEvidence(1);
    mockCutoverAndClose();
    processTestContext.mockJobWorker(Jobs.SERVICENOW_REQUEST_APPROVAL).thenComplete();
    processTestContext.mockJobWorker(Jobs.LAUNCHDARKLY_SET_ROLLOUT).thenComplete();
    processTestContext.mockJobWorker(Jobs.HEALTH_CHECK).thenComplete(Map.of("healthy", true));
    mockGoNoGoCheckAllowing();
    ProcessInstanceEvent release = startRelease("normal");
    assertThat(ProcessInstanceSelectors.byProcessId(Lifecycle.Processes.CHANGE_APPROVAL))
        .hasActiveElements("awaitDecision");

    // when the CAB approves (ServiceNow's webhook) and the release manager says go
    client
        .newPublishMessageCommand()
        .messageName(Lifecycle.Messages.CAB_DECISION)
        .correlationKey("CHG0030001")
        .variables(Map.of("cabDecision", "APPROVED"))
        .send()
        .join();
    assertThat(UserTaskSelectors.byElementId(Lifecycle.UserTasks.GO_NO_GO))
        .isCreated()
        .hasCandidateGroup(Lifecycle.UserTasks.RELEASE_MANAGERS);
    processTestContext.completeUserTask(
        Lifecycle.UserTasks.GO_NO_GO, Map.of("goDecision", "GO", "justification", "known issue"));
    bakeEveryWave(3);

    // then
    assertThat(release)
        .isCompleted()
        .hasCompletedElementsInOrder("cabApproval", "goNoGo", "changeWindow", "released");
  }

  @Test
  void withoutAWebhookTheApprovalIsReadEveryPollInterval() {
    // given
    mockReadyEvidence(0);
    mockCutoverAndClose();
    processTestContext.mockJobWorker(Jobs.SERVICENOW_REQUEST_APPROVAL).thenComplete();
    processTestContext
        .mockJobWorker(Jobs.SERVICENOW_CHECK_APPROVAL)
        .thenComplete(Map.of("cabDecision", "REJECTED", "cabReason", "clashes with a freeze"));
    ProcessInstanceEvent release = startRelease("normal");
    assertThat(ProcessInstanceSelectors.byProcessId(Lifecycle.Processes.CHANGE_APPROVAL))
        .hasActiveElements("awaitDecision");

    // when the poll interval passes and ServiceNow says the CAB rejected it
    processTestContext.increaseTime(java.time.Duration.ofMinutes(1));

    // then the release ends without cutover, its change canceled with the CAB's reason
    assertThat(release)
        .isCompleted()
        .hasCompletedElementsInOrder(
            "cabRejected", "readCabReason", "cancelRejectedChange", "changeRejected")
        .hasNotActivatedElements("changeWindow", "cutover");
  }

  @Test
  void aNoGoStopsTheReleaseAndCancelsItsChangeBeforeTheWindow() {
    // given
    mockReadyEvidence(1);
    mockCutoverAndClose();
    mockGoNoGoCheckAllowing();
    ProcessInstanceEvent release = startRelease("standard");
    assertThat(UserTaskSelectors.byElementId(Lifecycle.UserTasks.GO_NO_GO)).isCreated();

    // when
    processTestContext.completeUserTask(
        Lifecycle.UserTasks.GO_NO_GO,
        Map.of("goDecision", "NO_GO", "justification", "P2 on checkout is not understood"));

    // then
    assertThat(release)
        .isCompleted()
        .hasCompletedElementsInOrder("goNoGo", "cancelStoppedChange", "stoppedByManager")
        .hasNotActivatedElements("changeWindow", "startImplementation", "cutover");
  }

  @Test
  void anInconclusiveHealthCheckAsksAPersonAndRollingBackTakesTheRollbackPath() {
    // given a wave whose health check cannot decide
    mockReadyEvidence(0);
    mockCutoverAndClose();
    processTestContext.mockJobWorker(Jobs.LAUNCHDARKLY_SET_ROLLOUT).thenComplete();
    processTestContext
        .mockJobWorker(Jobs.HEALTH_CHECK)
        .thenThrowBpmnError(
            Lifecycle.Errors.HEALTH_INCONCLUSIVE,
            Map.of(
                Variables.HEALTH_VERDICT,
                "INCONCLUSIVE",
                Variables.HEALTH_EVIDENCE,
                "metrics endpoint timed out"));
    ProcessInstanceEvent release = startRelease("standard");
    bakeEveryWave(1);
    assertThat(UserTaskSelectors.byElementId(Lifecycle.UserTasks.DECIDE_ROLLOUT))
        .isCreated()
        .hasCandidateGroup(Lifecycle.UserTasks.RELEASE_MANAGERS);

    // when
    processTestContext.completeUserTask(
        Lifecycle.UserTasks.DECIDE_ROLLOUT,
        Map.of(
            Variables.ROLLOUT_DECISION,
            "ROLL_BACK",
            Variables.JUSTIFICATION,
            "no metrics, no risk taken"));

    // then
    completeTheFollowUp();
    assertThat(release)
        .isCompleted()
        .hasCompletedElementsInOrder(
            "decideRollout",
            "rollbackFlag",
            "rollBackCutover",
            "closeUnsuccessful",
            "noteFollowUp",
            "recordRolledBack",
            "rolledBack",
            "followUpRollback",
            "noteFollowUpDone")
        .hasNotActivatedElements("closeSuccessful");
  }

  @Test
  void aHeldWaveIsCheckedAgainAfterItsHoldTimeAndGoesOnWhenHealthy() {
    // given a health check that cannot decide the first time, and is healthy after
    mockReadyEvidence(0);
    mockCutoverAndClose();
    processTestContext.mockJobWorker(Jobs.LAUNCHDARKLY_SET_ROLLOUT).thenComplete();
    java.util.concurrent.atomic.AtomicInteger checks =
        new java.util.concurrent.atomic.AtomicInteger();
    processTestContext
        .mockJobWorker(Jobs.HEALTH_CHECK)
        .withHandler(
            (jobs, job) -> {
              if (checks.incrementAndGet() == 1) {
                jobs.newThrowErrorCommand(job)
                    .errorCode(Lifecycle.Errors.HEALTH_INCONCLUSIVE)
                    .variables(Map.of(Variables.HEALTH_VERDICT, "INCONCLUSIVE"))
                    .send()
                    .join();
              } else {
                jobs.newCompleteCommand(job).variables(Map.of("healthy", true)).send().join();
              }
            });
    ProcessInstanceEvent release =
        startRelease(
            "standard",
            Map.of(Variables.WAVES, List.of(100), Variables.ROLLOUT_HOLD_TIME, "PT10M"));
    bakeEveryWave(1);

    // when the person holds, and the hold time passes
    processTestContext.completeUserTask(
        Lifecycle.UserTasks.DECIDE_ROLLOUT,
        Map.of(
            Variables.ROLLOUT_DECISION,
            "HOLD",
            Variables.JUSTIFICATION,
            "metrics are catching up"));
    assertThat(release).hasActiveElements("holdRollout");
    processTestContext.increaseTime(java.time.Duration.ofMinutes(11));

    // then
    assertThat(release)
        .isCompleted()
        .hasCompletedElementsInOrder("decideRollout", "holdRollout", "healthCheck", "released")
        .hasNotActivatedElements("rollbackFlag");
  }

  @Test
  void aRegressionInAWaveRollsTheFlagBackAndClosesTheChangeUnsuccessful() {
    // given
    mockReadyEvidence(0);
    mockCutoverAndClose();
    processTestContext.mockJobWorker(Jobs.LAUNCHDARKLY_SET_ROLLOUT).thenComplete();
    processTestContext.mockJobWorker(Jobs.HEALTH_CHECK).thenThrowBpmnError("REGRESSION");

    // when
    ProcessInstanceEvent release = startRelease("standard");
    bakeEveryWave(1);

    // then
    completeTheFollowUp();
    assertThat(release)
        .isCompleted()
        .hasCompletedElementsInOrder(
            "cutover",
            "regression",
            "rollbackFlag",
            "rollBackCutover",
            "closeUnsuccessful",
            "recordFollowUp",
            "rolledBack",
            "followUpClosed")
        .hasNotActivatedElements("closeSuccessful");
  }

  @Test
  void whenTheWindowEndedBeforeCutoverAPersonStopsItAndTheChangeIsCanceled() {
    // given a window that ended a minute ago
    mockReadyEvidence(0);
    mockCutoverAndClose();
    ProcessInstanceEvent release =
        startRelease(
            "standard", Map.of(Variables.WINDOW_END, Instant.now().minusSeconds(60).toString()));
    assertThat(UserTaskSelectors.byElementId(Lifecycle.UserTasks.HOLD_FOR_WINDOW))
        .isCreated()
        .hasCandidateGroup(Lifecycle.UserTasks.RELEASE_MANAGERS);

    // when
    processTestContext.completeUserTask(
        Lifecycle.UserTasks.HOLD_FOR_WINDOW,
        Map.of("windowDecision", "STOP", "justification", "the window was not extended"));

    // then
    assertThat(release)
        .isCompleted()
        .hasCompletedElementsInOrder("holdForWindow", "cancelLateChange", "windowEnded")
        .hasNotActivatedElements("startImplementation", "cutover");
  }

  @Test
  void withinItsWindowTheReleaseIsNotHeld() {
    // given a window that ends in an hour
    mockReadyEvidence(0);
    mockCutoverAndClose();

    // when
    ProcessInstanceEvent release =
        startRelease(
            "standard", Map.of(Variables.WINDOW_END, Instant.now().plusSeconds(3600).toString()));

    // then cutover begins at once
    assertThat(release)
        .hasCompletedElementsInOrder(
            "changeWindow", "withinWindow", "startImplementation", "cutover")
        .hasNotActivatedElements("holdForWindow");
  }

  @Test
  void aFailedCutoverRollsBackWithoutRollingOut() {
    // given
    mockReadyEvidence(0);
    processTestContext.mockJobWorker(Jobs.SERVICENOW_START_IMPLEMENTATION).thenComplete();
    processTestContext
        .mockJobWorker(Jobs.CI_RUN_JOB)
        .thenThrowBpmnError(Lifecycle.Errors.CUTOVER_STEP_FAILED);
    processTestContext.mockJobWorker(Jobs.SERVICENOW_CLOSE_CHANGE).thenComplete();
    processTestContext.mockJobWorker(Jobs.SERVICENOW_ADD_WORK_NOTE).thenComplete();

    // when
    ProcessInstanceEvent release = startRelease("standard");

    // then
    completeTheFollowUp();
    assertThat(release)
        .isCompleted()
        .hasCompletedElementsInOrder(
            "cutoverFailed", "closeCutoverFailed", "recordRolledBack", "rolledBack")
        .hasNotActivatedElements("rollout", "rollbackFlag");
  }

  /** The post-implementation review a rolled-back release ends with, offered and done. */
  private void completeTheFollowUp() {
    assertThat(UserTaskSelectors.byElementId(Lifecycle.UserTasks.FOLLOW_UP_ROLLBACK))
        .isCreated()
        .hasCandidateGroup(Lifecycle.UserTasks.RELEASE_MANAGERS);
    processTestContext.completeUserTask(
        Lifecycle.UserTasks.FOLLOW_UP_ROLLBACK,
        Map.of(Variables.FOLLOW_UP_NOTES, "the new pool answered 502; fixed in the next release"));
  }

  /** Incidents as ServiceNow answers: none at first, an open P2 from the second reading on. */
  private void mockAP2OpenedAfterTheFirstReading() {
    java.util.concurrent.atomic.AtomicInteger readings =
        new java.util.concurrent.atomic.AtomicInteger();
    processTestContext
        .mockJobWorker(Jobs.SERVICENOW_OPEN_INCIDENTS)
        .withHandler(
            (jobs, job) ->
                jobs.newCompleteCommand(job)
                    .variables(
                        readings.incrementAndGet() == 1
                            ? Map.of("openIncidents", 0, "openP1", 0, "openP2", 0)
                            : Map.of("openIncidents", 1, "openP1", 0, "openP2", 1))
                    .send()
                    .join());
  }

  /** A release whose window opens in 10 minutes, its readiness too old after 5. */
  private ProcessInstanceEvent startReleaseWaitingForItsWindow() {
    return startRelease(
        "standard",
        Map.of(
            Variables.WINDOW_START,
            // the engine's clock, which other tests moved on
            processTestContext.getCurrentTime().plus(java.time.Duration.ofMinutes(10)).toString(),
            Variables.READINESS_MAX_AGE,
            "PT5M"));
  }

  @Test
  void readinessChangedWhenTheWindowOpensStopsForAPersonWhoMayAbort() {
    // given a GO release whose service gets an open P2 while it waits for its window
    mockAP2OpenedAfterTheFirstReading();
    mockReadyEvidenceBesideIncidents();
    mockCutoverAndClose();
    ProcessInstanceEvent release = startReleaseWaitingForItsWindow();
    assertThat(release).hasActiveElements("changeWindow");

    // when the window opens, readiness is too old and is assessed again
    processTestContext.increaseTime(java.time.Duration.ofMinutes(15));

    // then a person is asked, and aborting cancels the change
    assertThat(UserTaskSelectors.byElementId(Lifecycle.UserTasks.CONFIRM_READINESS))
        .isCreated()
        .hasCandidateGroup(Lifecycle.UserTasks.RELEASE_MANAGERS);
    processTestContext.completeUserTask(
        Lifecycle.UserTasks.CONFIRM_READINESS,
        Map.of(
            Variables.READINESS_DECISION_AFTER_CHANGE,
            "ABORT",
            Variables.JUSTIFICATION,
            "the P2 is on the payment path"));
    assertThat(release)
        .isCompleted()
        .hasCompletedElementsInOrder(
            "reassessReadiness",
            "recordReadinessRecheck",
            "confirmReadiness",
            "cancelChangedReadiness",
            "readinessChanged")
        .hasNotActivatedElements("startImplementation", "cutover");
  }

  @Test
  void readinessChangedAndAPersonContinuesBeginsCutover() {
    // given
    mockAP2OpenedAfterTheFirstReading();
    mockReadyEvidenceBesideIncidents();
    mockCutoverAndClose();
    ProcessInstanceEvent release = startReleaseWaitingForItsWindow();
    assertThat(release).hasActiveElements("changeWindow");
    processTestContext.increaseTime(java.time.Duration.ofMinutes(15));

    // when
    processTestContext.completeUserTask(
        Lifecycle.UserTasks.CONFIRM_READINESS,
        Map.of(
            Variables.READINESS_DECISION_AFTER_CHANGE,
            "CONTINUE",
            Variables.JUSTIFICATION,
            "the P2 is on another path"));

    // then
    assertThat(release)
        .hasCompletedElementsInOrder("confirmReadiness", "startImplementation", "cutover");
  }

  @Test
  void readinessStillTheSameWhenTheWindowOpensGoesOnWithoutAPerson() {
    // given
    mockReadyEvidence(0);
    mockCutoverAndClose();
    ProcessInstanceEvent release = startReleaseWaitingForItsWindow();
    assertThat(release).hasActiveElements("changeWindow");

    // when
    processTestContext.increaseTime(java.time.Duration.ofMinutes(15));

    // then
    assertThat(release)
        .hasCompletedElementsInOrder("reassessReadiness", "startImplementation", "cutover")
        .hasNotActivatedElements("confirmReadiness");
  }

  @Test
  void aRunningCiIsWaitedForAndReadAgainBeforeTheVerdict() {
    // given CI still running for the commit at first, green when read again
    java.util.concurrent.atomic.AtomicInteger reads =
        new java.util.concurrent.atomic.AtomicInteger();
    processTestContext
        .mockJobWorker(Jobs.CI_PIPELINE_STATUS)
        .withHandler(
            (jobs, job) ->
                jobs.newCompleteCommand(job)
                    .variables(
                        reads.getAndIncrement() == 0
                            ? Map.of("ciGreen", false, "ciState", "RUNNING")
                            : Map.of("ciGreen", true, "ciState", "SUCCEEDED"))
                    .send()
                    .join());
    processTestContext
        .mockJobWorker(Jobs.SERVICENOW_OPEN_INCIDENTS)
        .thenComplete(Map.of("openP1", 0, "openP2", 0));
    processTestContext
        .mockJobWorker(Jobs.LAUNCHDARKLY_FREEZE_FLAG)
        .thenComplete(Map.of("freeze", false));
    processTestContext
        .mockJobWorker(Jobs.SERVICENOW_CREATE_CHANGE)
        .thenComplete(Map.of("changeSysId", "c0ffee", "changeNumber", "CHG0030001"));
    mockNoConflicts();
    ProcessInstanceEvent release =
        startRelease("normal", Map.of(Variables.CI_RECHECK_INTERVAL, "PT2M"));
    assertThat(release).hasActiveElements("waitForCi").hasNotActivatedElements("assessReadiness");

    // when the re-check interval passes
    processTestContext.increaseTime(java.time.Duration.ofMinutes(2));

    // then the verdict is taken on the green CI
    assertThat(release)
        .hasCompletedElementsInOrder(
            "waitForCi", "recheckCi", "assessReadiness", "createChange", "checkConflicts")
        .hasActiveElements("cabApproval")
        .hasVariable(Variables.CI_WAITS, 1);
  }

  @Test
  void aFrozenReleaseIsNotReadyAndOpensNoChange() {
    // given
    processTestContext.mockJobWorker(Jobs.CI_PIPELINE_STATUS).thenComplete(Map.of("ciGreen", true));
    processTestContext
        .mockJobWorker(Jobs.SERVICENOW_OPEN_INCIDENTS)
        .thenComplete(Map.of("openIncidents", 0));
    processTestContext
        .mockJobWorker(Jobs.LAUNCHDARKLY_FREEZE_FLAG)
        .thenComplete(Map.of("freeze", true));

    // when
    ProcessInstanceEvent release = startRelease("standard");

    // then
    assertThat(release)
        .isCompleted()
        .hasCompletedElements("notReady")
        .hasNotActivatedElements("createChange")
        .hasVariable(
            "readiness",
            Map.of(
                "findings",
                List.of(Map.of("severity", "NO_GO", "reason", "release freeze is on")),
                "reasons",
                List.of("release freeze is on"),
                "verdict",
                "NO_GO",
                "reason",
                "release freeze is on"));
  }

  @Test
  void anOverdueCabDecisionIsEscalatedAndTheDeadlineEndsTheRelease() {
    // given a CAB that never decides
    mockReadyEvidence(0);
    processTestContext.mockJobWorker(Jobs.SERVICENOW_REQUEST_APPROVAL).thenComplete();
    processTestContext
        .mockJobWorker(Jobs.SERVICENOW_CHECK_APPROVAL)
        .thenComplete(Map.of("cabDecision", "PENDING"));
    processTestContext.mockJobWorker(Jobs.SERVICENOW_ESCALATE_APPROVAL).thenComplete();
    processTestContext.mockJobWorker(Jobs.SERVICENOW_CANCEL_CHANGE).thenComplete();
    ProcessInstanceEvent release =
        startRelease(
            "normal",
            Map.of(
                Variables.APPROVAL_POLL_INTERVAL, "PT1H",
                Variables.APPROVAL_ESCALATE_AFTER, "PT4H",
                Variables.APPROVAL_DEADLINE, "P1D"));
    var approval =
        ProcessInstanceSelectors.byParentProcessInstanceKey(release.getProcessInstanceKey());
    assertThat(approval).hasActiveElements("awaitDecision");

    // when the escalation time passes, the CAB is reminded and the release keeps waiting
    processTestContext.increaseTime(java.time.Duration.ofHours(4).plusMinutes(1));
    assertThat(approval).hasCompletedElements("escalateApproval").hasActiveElements("awaitCab");

    // when the deadline passes
    processTestContext.increaseTime(java.time.Duration.ofDays(1));

    // then the release ends as not decided (not as rejected), without cutover
    assertThat(release)
        .isCompleted()
        .hasCompletedElementsInOrder("cabNoDecision", "cancelUndecidedChange", "cabDeadlinePassed")
        .hasNotActivatedElements("changeWindow", "cabRejected", "changeRejected");
    assertThat(approval).hasCompletedElements("deadline");
  }
}
