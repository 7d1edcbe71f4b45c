package io.rollgate.engine.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.JobState;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Compensation: undoing the steps of a release that already happened (a booked change window, a
 * flag already switched on) when a later step decides the release must be rolled back.
 */
class CompensationIT {
  @RegisterExtension static final EngineExtension ENGINE = new EngineExtension();

  private final CamundaClient client = ENGINE.client();
  private final Processes processes = new Processes(client);

  /** Only jobs of this type activated so far are returned; none of them is completed. */
  private List<ActivatedJob> jobs(String type, int expected) {
    return org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(5))
        .until(() -> processes.activate(type, 10), l -> l.size() >= expected);
  }

  private void completeAll(List<ActivatedJob> jobs) {
    jobs.forEach(job -> client.newCompleteCommand(job).send().join());
  }

  @Test
  void aThrowEventRunsTheHandlerOfTheCompletedActivityAndWaitsForIt() {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("book-window")
            .startEvent()
            .serviceTask("book", t -> t.zeebeJobType("c1-book"))
            .boundaryEvent(
                "bookCompensation",
                b -> b.compensation(c -> c.serviceTask("unbook").zeebeJobType("c1-unbook")))
            .moveToActivity("book")
            .intermediateThrowEvent("rollBack")
            .compensateEventDefinition()
            .<io.camunda.zeebe.model.bpmn.builder.IntermediateThrowEventBuilder>
                compensateEventDefinitionDone()
            .serviceTask("report", t -> t.zeebeJobType("c1-report"))
            .endEvent()
            .done());
    long instance = processes.start("book-window", Map.of("release", "R-1"));

    // when
    processes.complete("c1-book", Map.of("windowId", "W-42"));

    // then the handler sees what the activity did, and the throw event waits for it
    ActivatedJob unbook = processes.activateOne("c1-unbook");
    assertThat(unbook.getVariablesAsMap()).containsEntry("windowId", "W-42");
    assertThat(processes.activeElementIds(instance)).contains("rollBack", "unbook");
    assertThat(processes.activate("c1-report", 1)).isEmpty();
    client.newCompleteCommand(unbook).variables(Map.of("unbooked", true)).send().join();
    processes.complete("c1-report", Map.of());
    processes.awaitCompleted(instance);
    assertThat(processes.completedElementIds(instance)).contains("book", "unbook", "rollBack");
    assertThat(processes.rootVariables(instance)).containsEntry("unbooked", "true");
  }

  @Test
  void aCompensationEndEventCompensatesEveryCompletedActivityOfItsScope() {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("flag-and-window")
            .startEvent()
            .serviceTask("book", t -> t.zeebeJobType("c2-book"))
            .boundaryEvent(
                "bookCompensation",
                b -> b.compensation(c -> c.serviceTask("unbook").zeebeJobType("c2-unbook")))
            .moveToActivity("book")
            .serviceTask("enableFlag", t -> t.zeebeJobType("c2-enable"))
            .boundaryEvent(
                "flagCompensation",
                b -> b.compensation(c -> c.serviceTask("disableFlag").zeebeJobType("c2-disable")))
            .moveToActivity("enableFlag")
            .endEvent("undone")
            .compensateEventDefinition()
            .<io.camunda.zeebe.model.bpmn.builder.EndEventBuilder>compensateEventDefinitionDone()
            .done());
    long instance = processes.start("flag-and-window", Map.of());
    processes.complete("c2-book", Map.of());
    processes.complete("c2-enable", Map.of());

    // when both handlers run
    List<ActivatedJob> unbook = jobs("c2-unbook", 1);
    List<ActivatedJob> disable = jobs("c2-disable", 1);
    completeAll(unbook);
    assertThat(processes.state(instance)).isEqualTo(ProcessInstanceState.ACTIVE);
    completeAll(disable);

    // then the end event completes once both are done
    processes.awaitCompleted(instance);
    assertThat(processes.completedElementIds(instance)).contains("unbook", "disableFlag", "undone");
  }

  @Test
  void anActivityRefCompensatesOnlyThatActivity() {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("undo-flag-only")
            .startEvent()
            .serviceTask("book", t -> t.zeebeJobType("c3-book"))
            .boundaryEvent(
                "bookCompensation",
                b -> b.compensation(c -> c.serviceTask("unbook").zeebeJobType("c3-unbook")))
            .moveToActivity("book")
            .serviceTask("enableFlag", t -> t.zeebeJobType("c3-enable"))
            .boundaryEvent(
                "flagCompensation",
                b -> b.compensation(c -> c.serviceTask("disableFlag").zeebeJobType("c3-disable")))
            .moveToActivity("enableFlag")
            .intermediateThrowEvent("undoFlag")
            .compensateEventDefinition()
            .activityRef("enableFlag")
            .<io.camunda.zeebe.model.bpmn.builder.IntermediateThrowEventBuilder>
                compensateEventDefinitionDone()
            .endEvent()
            .done());
    long instance = processes.start("undo-flag-only", Map.of());
    processes.complete("c3-book", Map.of());
    processes.complete("c3-enable", Map.of());

    // when
    processes.complete("c3-disable", Map.of());

    // then
    processes.awaitCompleted(instance);
    assertThat(processes.activate("c3-unbook", 1)).isEmpty();
    assertThat(processes.completedElementIds(instance))
        .contains("disableFlag")
        .doesNotContain("unbook");
  }

  @Test
  void activitiesThatDidNotCompleteAreNotCompensatedAndEachIsCompensatedOnce() {
    // given one activity on a branch not taken, and two compensation events one after another
    ENGINE.deploy(
        Bpmn.createExecutableProcess("partial-release")
            .startEvent()
            .serviceTask("book", t -> t.zeebeJobType("c4-book"))
            .boundaryEvent(
                "bookCompensation",
                b -> b.compensation(c -> c.serviceTask("unbook").zeebeJobType("c4-unbook")))
            .moveToActivity("book")
            .exclusiveGateway("canary")
            .conditionExpression("=canary")
            .serviceTask("deployCanary", t -> t.zeebeJobType("c4-canary"))
            .boundaryEvent(
                "canaryCompensation",
                b -> b.compensation(c -> c.serviceTask("removeCanary").zeebeJobType("c4-remove")))
            .moveToActivity("deployCanary")
            .exclusiveGateway("join")
            .intermediateThrowEvent("firstRollback")
            .compensateEventDefinition()
            .<io.camunda.zeebe.model.bpmn.builder.IntermediateThrowEventBuilder>
                compensateEventDefinitionDone()
            .intermediateThrowEvent("secondRollback")
            .compensateEventDefinition()
            .<io.camunda.zeebe.model.bpmn.builder.IntermediateThrowEventBuilder>
                compensateEventDefinitionDone()
            .endEvent()
            .moveToNode("canary")
            .conditionExpression("=not(canary)")
            .connectTo("join")
            .done());
    long instance = processes.start("partial-release", Map.of("canary", false));
    processes.complete("c4-book", Map.of());

    // when
    completeAll(jobs("c4-unbook", 1));

    // then the second compensation finds nothing left to undo
    processes.awaitCompleted(instance);
    assertThat(processes.activate("c4-remove", 1)).isEmpty();
    assertThat(processes.activate("c4-unbook", 1)).isEmpty();
    assertThat(processes.completedElementIds(instance))
        .containsOnlyOnce("unbook")
        .contains("firstRollback", "secondRollback")
        .doesNotContain("removeCanary");
  }

  @Test
  void activitiesOfACompletedEmbeddedSubProcessAreCompensated() {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("staged-rollout")
            .startEvent()
            .subProcess(
                "stage",
                s ->
                    s.embeddedSubProcess()
                        .startEvent()
                        .serviceTask("rollOut", t -> t.zeebeJobType("c5-rollout"))
                        .boundaryEvent(
                            "rollOutCompensation",
                            b ->
                                b.compensation(
                                    c -> c.serviceTask("rollBackStage").zeebeJobType("c5-back")))
                        .moveToActivity("rollOut")
                        .endEvent())
            .intermediateThrowEvent("rollBack")
            .compensateEventDefinition()
            .<io.camunda.zeebe.model.bpmn.builder.IntermediateThrowEventBuilder>
                compensateEventDefinitionDone()
            .endEvent()
            .done());
    long instance = processes.start("staged-rollout", Map.of());
    processes.complete("c5-rollout", Map.of("percent", 50));

    // when
    ActivatedJob back = processes.activateOne("c5-back");
    client.newCompleteCommand(back).send().join();

    // then
    assertThat(back.getVariablesAsMap()).containsEntry("percent", 50);
    processes.awaitCompleted(instance);
    assertThat(processes.completedElementIds(instance)).contains("stage", "rollBackStage");
  }

  @Test
  void aMultiInstanceActivityIsCompensatedOncePerCompletedInstanceWithItsItem() {
    // given a flag switched on in three regions
    ENGINE.deploy(
        Bpmn.createExecutableProcess("regional-flags")
            .startEvent()
            .serviceTask(
                "enableRegion",
                t ->
                    t.zeebeJobType("c6-enable")
                        .multiInstance(
                            m ->
                                m.parallel()
                                    .zeebeInputCollectionExpression("regions")
                                    .zeebeInputElement("region")))
            .boundaryEvent(
                "regionCompensation",
                b -> b.compensation(c -> c.serviceTask("disableRegion").zeebeJobType("c6-disable")))
            .moveToActivity("enableRegion")
            .intermediateThrowEvent("rollBack")
            .compensateEventDefinition()
            .<io.camunda.zeebe.model.bpmn.builder.IntermediateThrowEventBuilder>
                compensateEventDefinitionDone()
            .endEvent()
            .done());
    long instance = processes.start("regional-flags", Map.of("regions", List.of("eu", "us", "ap")));
    completeAll(jobs("c6-enable", 3));

    // when
    List<ActivatedJob> disable = jobs("c6-disable", 3);

    // then one handler per region, each seeing its own region
    assertThat(disable)
        .extracting(j -> j.getVariablesAsMap().get("region"))
        .containsExactlyInAnyOrder("eu", "us", "ap");
    completeAll(disable);
    processes.awaitCompleted(instance);
  }

  @Test
  void aMultiInstanceHandlerUndoesEachItemBeforeTheCompensationCompletes() {
    // given one booking of several windows, undone window by window
    ENGINE.deploy(
        Bpmn.createExecutableProcess("many-windows")
            .startEvent()
            .serviceTask("bookAll", t -> t.zeebeJobType("c12-book"))
            .boundaryEvent(
                "bookCompensation",
                b ->
                    b.compensation(
                        c ->
                            c.serviceTask("unbookEach")
                                .zeebeJobType("c12-unbook")
                                .multiInstance(
                                    m ->
                                        m.sequential()
                                            .zeebeInputCollectionExpression("windows")
                                            .zeebeInputElement("window"))))
            .moveToActivity("bookAll")
            .endEvent("undone")
            .compensateEventDefinition()
            .<io.camunda.zeebe.model.bpmn.builder.EndEventBuilder>compensateEventDefinitionDone()
            .done());
    long instance = processes.start("many-windows", Map.of());
    processes.complete("c12-book", Map.of("windows", List.of("W-1", "W-2")));

    // when
    ActivatedJob first = processes.activateOne("c12-unbook");
    client.newCompleteCommand(first).send().join();
    assertThat(processes.state(instance)).isEqualTo(ProcessInstanceState.ACTIVE);
    ActivatedJob second = processes.activateOne("c12-unbook");
    client.newCompleteCommand(second).send().join();

    // then
    assertThat(List.of(first, second))
        .extracting(j -> j.getVariablesAsMap().get("window"))
        .containsExactly("W-1", "W-2");
    processes.awaitCompleted(instance);
  }

  @Test
  void aFailingHandlerIsAnIncidentAndTheCompensationGoesOnOnceResolved() {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("stubborn-window")
            .startEvent()
            .serviceTask("book", t -> t.zeebeJobType("c7-book"))
            .boundaryEvent(
                "bookCompensation",
                b -> b.compensation(c -> c.serviceTask("unbook").zeebeJobType("c7-unbook")))
            .moveToActivity("book")
            .endEvent("undone")
            .compensateEventDefinition()
            .<io.camunda.zeebe.model.bpmn.builder.EndEventBuilder>compensateEventDefinitionDone()
            .done());
    long instance = processes.start("stubborn-window", Map.of());
    processes.complete("c7-book", Map.of());

    // when the handler's worker fails without retries
    ActivatedJob unbook = processes.activateOne("c7-unbook");
    client.newFailCommand(unbook).retries(0).errorMessage("calendar is down").send().join();
    var incident = processes.awaitIncident(instance);

    // then
    assertThat(incident.getErrorType().name()).isEqualTo("JOB_NO_RETRIES");
    assertThat(incident.getElementId()).isEqualTo("unbook");
    client.newUpdateRetriesCommand(unbook.getKey()).retries(1).send().join();
    client.newResolveIncidentCommand(incident.getIncidentKey()).send().join();
    processes.complete("c7-unbook", Map.of());
    processes.awaitCompleted(instance);
  }

  @Test
  void cancellingTheInstanceCancelsItsRunningHandlers() {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("cancelled-rollback")
            .startEvent()
            .serviceTask("book", t -> t.zeebeJobType("c8-book"))
            .boundaryEvent(
                "bookCompensation",
                b -> b.compensation(c -> c.serviceTask("unbook").zeebeJobType("c8-unbook")))
            .moveToActivity("book")
            .endEvent("undone")
            .compensateEventDefinition()
            .<io.camunda.zeebe.model.bpmn.builder.EndEventBuilder>compensateEventDefinitionDone()
            .done());
    long instance = processes.start("cancelled-rollback", Map.of());
    processes.complete("c8-book", Map.of());
    ActivatedJob unbook = processes.activateOne("c8-unbook");

    // when
    client.newCancelInstanceCommand(instance).send().join();

    // then
    assertThat(processes.state(instance)).isEqualTo(ProcessInstanceState.TERMINATED);
    assertThat(
            client
                .newJobSearchRequest()
                .filter(f -> f.jobKey(unbook.getKey()))
                .send()
                .join()
                .items())
        .singleElement()
        .satisfies(j -> assertThat(j.getState()).isEqualTo(JobState.CANCELED));
    assertThatThrownBy(() -> client.newCompleteCommand(unbook).send().join())
        .isInstanceOf(ProblemException.class);
  }

  @Test
  void anErrorEventSubProcessCompensatesTheActivitiesOfItsProcess() {
    // given a release that fails after booking its window
    ENGINE.deploy(
        Bpmn.createExecutableProcess("failed-release")
            .eventSubProcess(
                "onFailure",
                e ->
                    e.startEvent("failed")
                        .error("RELEASE_FAILED")
                        .endEvent("rolledBack")
                        .compensateEventDefinition()
                        .<io.camunda.zeebe.model.bpmn.builder.EndEventBuilder>
                            compensateEventDefinitionDone())
            .startEvent()
            .serviceTask("book", t -> t.zeebeJobType("c9-book"))
            .boundaryEvent(
                "bookCompensation",
                b -> b.compensation(c -> c.serviceTask("unbook").zeebeJobType("c9-unbook")))
            .moveToActivity("book")
            .serviceTask("deploy", t -> t.zeebeJobType("c9-deploy"))
            .endEvent()
            .done());
    long instance = processes.start("failed-release", Map.of());
    processes.complete("c9-book", Map.of());

    // when
    ActivatedJob deploy = processes.activateOne("c9-deploy");
    client.newThrowErrorCommand(deploy).errorCode("RELEASE_FAILED").send().join();

    // then
    processes.complete("c9-unbook", Map.of());
    processes.awaitCompleted(instance);
    assertThat(processes.completedElementIds(instance)).contains("unbook", "rolledBack");
  }

  @Test
  void whatIsToCompensateAndAWaitingCompensationSurviveRestarts() {
    // given a booked window, then a decision still open when the engine restarts
    ENGINE.deploy(
        Bpmn.createExecutableProcess("restarted-rollback")
            .startEvent()
            .serviceTask("book", t -> t.zeebeJobType("c11-book"))
            .boundaryEvent(
                "bookCompensation",
                b -> b.compensation(c -> c.serviceTask("unbook").zeebeJobType("c11-unbook")))
            .moveToActivity("book")
            .serviceTask("decide", t -> t.zeebeJobType("c11-decide"))
            .endEvent("undone")
            .compensateEventDefinition()
            .<io.camunda.zeebe.model.bpmn.builder.EndEventBuilder>compensateEventDefinitionDone()
            .done());
    long instance = processes.start("restarted-rollback", Map.of());
    processes.complete("c11-book", Map.of());
    ENGINE.restart();
    Processes afterFirst = new Processes(ENGINE.client());

    // when the decision is taken, and the engine restarts while the handler runs
    afterFirst.complete("c11-decide", Map.of());
    afterFirst.activateOne("c11-unbook");
    ENGINE.restart();
    Processes afterSecond = new Processes(ENGINE.client());

    // then the compensation still waits for its handler, and completes with it
    assertThat(afterSecond.activeElementIds(instance)).contains("undone", "unbook");
    // the handler's job was activated before the restart: its worker completes it by key
    var job =
        ENGINE
            .client()
            .newJobSearchRequest()
            .filter(f -> f.processInstanceKey(instance).type("c11-unbook"))
            .send()
            .join()
            .items()
            .get(0);
    ENGINE.client().newCompleteCommand(job.getJobKey()).send().join();
    afterSecond.awaitCompleted(instance);
    assertThat(afterSecond.completedElementIds(instance)).containsOnlyOnce("unbook");
  }

  @Test
  void whatIsNotSupportedIsRefusedAtDeployTimeNamingTheElement() {
    // given
    BpmnModelInstance noWait =
        Bpmn.createExecutableProcess("no-wait")
            .startEvent()
            .serviceTask("book", t -> t.zeebeJobType("c10-book"))
            .boundaryEvent(
                "bookCompensation",
                b -> b.compensation(c -> c.serviceTask("unbook").zeebeJobType("c10-unbook")))
            .moveToActivity("book")
            .intermediateThrowEvent("rollBack")
            .compensateEventDefinition()
            .waitForCompletion(false)
            .<io.camunda.zeebe.model.bpmn.builder.IntermediateThrowEventBuilder>
                compensateEventDefinitionDone()
            .endEvent()
            .done();
    BpmnModelInstance compensationSubProcess =
        Bpmn.createExecutableProcess("compensation-sub-process")
            .eventSubProcess(
                "onCompensation", e -> e.startEvent("compensating").compensation().endEvent())
            .startEvent()
            .endEvent()
            .done();

    // when / then
    assertThatThrownBy(() -> ENGINE.deploy(noWait))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.code()).isEqualTo(400);
              assertThat(e.details().getDetail())
                  .contains("'rollBack' (intermediateThrowEvent)")
                  .contains("waitForCompletion");
            });
    assertThatThrownBy(() -> ENGINE.deploy(compensationSubProcess))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.code()).isEqualTo(400);
              assertThat(e.details().getDetail())
                  .contains("'compensating' (startEvent)")
                  .contains("compensation event sub-processes are not supported");
            });
  }
}
