package io.rollgate.engine.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.JobKind;
import io.camunda.client.api.search.enums.ListenerEventType;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.Incident;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.rollgate.engine.testing.RollgateEngineTest;
import io.rollgate.engine.testing.TestEngine;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Execution listeners: jobs that hold an element at its start or its end until they complete. */
@RollgateEngineTest
class ExecutionListenersIT {
  static TestEngine ENGINE;

  private static CamundaClient client() {
    return ENGINE.client();
  }

  private static Processes processes() {
    return new Processes(client());
  }

  /** A release's deployment step with two start and one end listener. */
  private static BpmnModelInstance deployStep(String processId, String prefix) {
    return Bpmn.createExecutableProcess(processId)
        .startEvent()
        .serviceTask(
            "deploy",
            t ->
                t.zeebeJobType(prefix + "-deploy")
                    .zeebeInputExpression("release", "target")
                    .zeebeStartExecutionListener(prefix + "-check-window", "1")
                    .zeebeStartExecutionListener(prefix + "-reserve-slot")
                    .zeebeEndExecutionListener(prefix + "-notify"))
        .endEvent()
        .done();
  }

  @Test
  void startAndEndListenersRunInOrderAroundTheTaskAndTheirVariablesReachItsJob() {
    // given
    ENGINE.deploy(deployStep("listeners-in-order", "order"));
    long instance = processes().start("listeners-in-order", Map.of("release", "2.1"));

    // when the first start listener runs, the task's input mappings are applied already
    ActivatedJob window = processes().activateOne("order-check-window");
    assertThat(window.getKind()).isEqualTo(JobKind.EXECUTION_LISTENER);
    assertThat(window.getListenerEventType()).isEqualTo(ListenerEventType.START);
    assertThat(window.getElementId()).isEqualTo("deploy");
    assertThat(window.getVariablesAsMap()).containsEntry("target", "2.1");
    assertThat(window.getRetries()).isEqualTo(1);

    // then the next listener and the task's own job wait for it
    assertThat(processes().activate("order-reserve-slot", 1)).isEmpty();
    assertThat(processes().activate("order-deploy", 1)).isEmpty();
    client().newCompleteCommand(window).variables(Map.of("window", "night")).send().join();

    ActivatedJob slot = processes().activateOne("order-reserve-slot");
    assertThat(slot.getVariablesAsMap()).containsEntry("window", "night");
    assertThat(processes().activate("order-deploy", 1)).isEmpty();
    client().newCompleteCommand(slot).variables(Map.of("slot", 7)).send().join();

    // the task's job sees what the start listeners set
    ActivatedJob deploy = processes().activateOne("order-deploy");
    assertThat(deploy.getKind()).isEqualTo(JobKind.BPMN_ELEMENT);
    assertThat(deploy.getVariablesAsMap())
        .containsEntry("window", "night")
        .containsEntry("slot", 7);
    client().newCompleteCommand(deploy).variables(Map.of("deployed", true)).send().join();

    // the end listener runs after the task's job, before the instance goes on
    ActivatedJob notify = processes().activateOne("order-notify");
    assertThat(notify.getListenerEventType()).isEqualTo(ListenerEventType.END);
    assertThat(notify.getVariablesAsMap()).containsEntry("deployed", true);
    assertThat(processes().state(instance)).isEqualTo(ProcessInstanceState.ACTIVE);
    assertThat(
            client()
                .newJobSearchRequest()
                .filter(f -> f.processInstanceKey(instance).kind(JobKind.EXECUTION_LISTENER))
                .send()
                .join()
                .items())
        .hasSize(3);
    client().newCompleteCommand(notify).send().join();
    processes().awaitCompleted(instance);
  }

  @Test
  void startListenerVariablesAreLocalToTheElement() {
    // given
    ENGINE.deploy(deployStep("listener-locals", "locals"));
    long instance = processes().start("listener-locals", Map.of("release", "2.2"));

    // when
    client()
        .newCompleteCommand(processes().activateOne("locals-check-window"))
        .variables(Map.of("window", "day"))
        .send()
        .join();
    client().newCompleteCommand(processes().activateOne("locals-reserve-slot")).send().join();

    // then
    assertThat(processes().rootVariables(instance)).doesNotContainKey("window");
  }

  @Test
  void aFailingListenerRaisesAnIncidentAndRunsAgainOnceResolved() {
    // given
    ENGINE.deploy(deployStep("listener-incident", "flaky"));
    long instance = processes().start("listener-incident", Map.of("release", "3.0"));

    // when the listener fails with no retries left
    ActivatedJob window = processes().activateOne("flaky-check-window");
    client().newFailCommand(window).retries(0).errorMessage("calendar down").send().join();

    // then
    Incident incident = processes().awaitIncident(instance);
    assertThat(incident.getErrorType().name()).isEqualTo("EXECUTION_LISTENER_NO_RETRIES");
    assertThat(incident.getElementId()).isEqualTo("deploy");
    assertThat(incident.getJobKey()).isEqualTo(window.getKey());
    assertThat(processes().activate("flaky-reserve-slot", 1)).isEmpty();

    // when
    client().newUpdateRetriesCommand(window.getKey()).retries(1).send().join();
    client().newResolveIncidentCommand(incident.getIncidentKey()).send().join();
    client().newCompleteCommand(processes().activateOne("flaky-check-window")).send().join();
    client().newCompleteCommand(processes().activateOne("flaky-reserve-slot")).send().join();
    client().newCompleteCommand(processes().activateOne("flaky-deploy")).send().join();
    client().newCompleteCommand(processes().activateOne("flaky-notify")).send().join();

    // then
    processes().awaitCompleted(instance);
  }

  @Test
  void aListenerJobCannotThrowABpmnError() {
    // given
    ENGINE.deploy(deployStep("listener-no-error", "noerror"));
    processes().start("listener-no-error", Map.of("release", "3.1"));
    ActivatedJob window = processes().activateOne("noerror-check-window");

    // then
    assertThatThrownBy(
            () -> client().newThrowErrorCommand(window).errorCode("closed").send().join())
        .isInstanceOf(ProblemException.class)
        .satisfies(e -> assertThat(((ProblemException) e).code()).isEqualTo(409));
  }

  @Test
  void processStartAndEndListenersRunBeforeTheFirstAndAfterTheLastElement() {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("process-listeners")
            .zeebeStartExecutionListener("open-change-record")
            .zeebeEndExecutionListener("close-change-record")
            .startEvent("begin")
            .serviceTask("work", t -> t.zeebeJobType("process-work"))
            .endEvent("done")
            .done());
    long instance = processes().start("process-listeners", Map.of("release", "4.0"));

    // when the process start listener runs, no element has started yet
    ActivatedJob open = processes().activateOne("open-change-record");
    assertThat(open.getListenerEventType()).isEqualTo(ListenerEventType.START);
    assertThat(open.getElementId()).isEqualTo("process-listeners");
    assertThat(open.getVariablesAsMap()).containsEntry("release", "4.0");
    assertThat(processes().elements(instance)).noneMatch(e -> "begin".equals(e.getElementId()));
    client().newCompleteCommand(open).variables(Map.of("changeRecord", "CR-1")).send().join();

    // then its variables are process variables
    ActivatedJob work = processes().activateOne("process-work");
    assertThat(work.getVariablesAsMap()).containsEntry("changeRecord", "CR-1");
    assertThat(processes().rootVariables(instance)).containsKey("changeRecord");
    client().newCompleteCommand(work).send().join();

    ActivatedJob close = processes().activateOne("close-change-record");
    assertThat(close.getListenerEventType()).isEqualTo(ListenerEventType.END);
    assertThat(processes().state(instance)).isEqualTo(ProcessInstanceState.ACTIVE);
    client().newCompleteCommand(close).send().join();
    processes().awaitCompleted(instance);
  }

  @Test
  void listenersOnElementsAndEventsTheyDoNotSupportAreRefusedNamingTheElement() {
    BpmnModelInstance model =
        Bpmn.createExecutableProcess("listener-refused")
            .startEvent("begin")
            .zeebeStartExecutionListener("too-early")
            .serviceTask(
                "each",
                t ->
                    t.zeebeJobType("per-target")
                        .zeebeStartExecutionListener("per-target-check")
                        .multiInstance(m -> m.zeebeInputCollectionExpression("targets")))
            .endEvent()
            .done();

    assertThatThrownBy(() -> ENGINE.deploy(model))
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining("begin")
        .hasMessageContaining("each");
  }
}
