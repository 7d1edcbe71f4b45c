package io.rollgate.engine.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.IncidentErrorType;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.Incident;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.rollgate.engine.testing.RollgateEngineTest;
import io.rollgate.engine.testing.TestEngine;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@RollgateEngineTest
class ScopesAndErrorsIT {
  static TestEngine ENGINE;

  private final CamundaClient client = ENGINE.client();
  private final Processes processes = new Processes(client);

  @Test
  void inputMappingsAreLocalAndOutputMappingsDecideWhatReachesTheProcess() {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("mapped")
            .startEvent()
            .serviceTask(
                "notify",
                t ->
                    t.zeebeJobType("mapped-notify")
                        .zeebeInputExpression("release.id", "releaseId")
                        .zeebeInput("=\"#\" + channel", "target")
                        .zeebeOutputExpression("messageId", "notification.id"))
            .endEvent()
            .done());
    long instance =
        processes.start("mapped", Map.of("release", Map.of("id", "R-7"), "channel", "ops"));

    // when
    ActivatedJob job = processes.activateOne("mapped-notify");
    client.newCompleteCommand(job).variables(Map.of("messageId", "m-1", "noise", 1)).send().join();

    // then
    assertThat(job.getVariablesAsMap())
        .containsEntry("releaseId", "R-7")
        .containsEntry("target", "#ops");
    processes.awaitCompleted(instance);
    Map<String, String> root = processes.rootVariables(instance);
    assertThat(root)
        .containsEntry("notification", "{\"id\":\"m-1\"}")
        .doesNotContainKeys("releaseId", "target", "noise", "messageId");
  }

  @Test
  void jobVariablesWithoutOutputMappingsMergeIntoTheScopeThatHasThemOrTheProcess() {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("merge")
            .startEvent()
            .subProcess("wave", s -> s.zeebeInputExpression("0", "attempt"))
            .embeddedSubProcess()
            .startEvent()
            .serviceTask("check", t -> t.zeebeJobType("merge-check"))
            .endEvent()
            .subProcessDone()
            .endEvent()
            .done());
    long instance = processes.start("merge", Map.of());

    // when
    processes.complete("merge-check", Map.of("attempt", 1, "healthy", true));

    // then: 'attempt' updated inside the sub-process scope, 'healthy' created at the process
    processes.awaitCompleted(instance);
    Map<String, String> root = processes.rootVariables(instance);
    assertThat(root).containsEntry("healthy", "true").doesNotContainKey("attempt");
  }

  @Test
  void scriptTaskStoresItsResult() {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("script")
            .startEvent()
            .scriptTask(
                "percent", t -> t.zeebeExpression("sum(waves) * 10").zeebeResultVariable("total"))
            .endEvent()
            .done());

    // when
    var result =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("script")
            .latestVersion()
            .variables(Map.of("waves", List.of(1, 2, 3)))
            .withResult()
            .send()
            .join();

    // then
    assertThat(result.getVariablesAsMap()).containsEntry("total", 60);
  }

  @Test
  void setVariablesLocallyOrPropagated() {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("setvars")
            .startEvent()
            .serviceTask("wait", t -> t.zeebeJobType("setvars-wait"))
            .endEvent()
            .done());
    long instance = processes.start("setvars", Map.of("owner", "ana"));
    ActivatedJob job = processes.activateOne("setvars-wait");

    // when
    client
        .newSetVariablesCommand(job.getElementInstanceKey())
        .variables(Map.of("owner", "bo"))
        .send()
        .join();
    client
        .newSetVariablesCommand(job.getElementInstanceKey())
        .variables(Map.of("scratch", 1))
        .local(true)
        .send()
        .join();

    // then
    assertThat(processes.rootVariables(instance))
        .containsEntry("owner", "\"bo\"")
        .doesNotContainKey("scratch");
    var scratch =
        client.newVariableSearchRequest().filter(f -> f.name("scratch")).send().join().items();
    assertThat(scratch)
        .singleElement()
        .satisfies(v -> assertThat(v.getScopeKey()).isEqualTo(job.getElementInstanceKey()));
  }

  @Test
  void bpmnErrorFromAWorkerIsCaughtByTheBoundaryWithItsCode() {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("cab")
            .startEvent()
            .serviceTask("approve", t -> t.zeebeJobType("cab-approve"))
            .boundaryEvent("rejected", b -> b.error("CAB_REJECTED"))
            .endEvent("noGo")
            .moveToActivity("approve")
            .boundaryEvent("anyError", b -> b.error())
            .endEvent("failed")
            .moveToActivity("approve")
            .endEvent("go")
            .done());
    long instance = processes.start("cab", Map.of());
    ActivatedJob job = processes.activateOne("cab-approve");

    // when
    client
        .newThrowErrorCommand(job)
        .errorCode("CAB_REJECTED")
        .errorMessage("risk too high")
        .variables(Map.of("reason", "risk too high"))
        .send()
        .join();

    // then
    processes.awaitCompleted(instance);
    assertThat(processes.completedElementIds(instance))
        .contains("rejected", "noGo")
        .doesNotContain("go", "failed", "anyError");
    assertThat(processes.rootVariables(instance)).containsEntry("reason", "\"risk too high\"");
    var jobs =
        client.newJobSearchRequest().filter(f -> f.jobKey(job.getKey())).send().join().items();
    assertThat(jobs)
        .singleElement()
        .satisfies(j -> assertThat(j.getErrorCode()).isEqualTo("CAB_REJECTED"));
  }

  @Test
  void errorEndEventInASubProcessIsCaughtOnTheSubProcess() {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("rollout")
            .startEvent()
            .subProcess("waves")
            .embeddedSubProcess()
            .startEvent()
            .serviceTask("wave", t -> t.zeebeJobType("rollout-wave"))
            .endEvent("regression", e -> e.error("REGRESSION"))
            .subProcessDone()
            .endEvent("done")
            .moveToActivity("waves")
            .boundaryEvent("rollback", b -> b.error("REGRESSION"))
            .serviceTask("flagOff", t -> t.zeebeJobType("rollout-flag-off"))
            .endEvent("rolledBack")
            .done());
    long instance = processes.start("rollout", Map.of());

    // when
    processes.complete("rollout-wave", Map.of());
    processes.complete("rollout-flag-off", Map.of());

    // then
    processes.awaitCompleted(instance);
    assertThat(processes.completedElementIds(instance))
        .contains("rollback", "flagOff", "rolledBack")
        .doesNotContain("done");
  }

  @Test
  void uncaughtErrorBecomesAnIncident() {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("uncaught")
            .startEvent()
            .serviceTask("t", t -> t.zeebeJobType("uncaught-t"))
            .endEvent()
            .done());
    long instance = processes.start("uncaught", Map.of());

    // when
    client
        .newThrowErrorCommand(processes.activateOne("uncaught-t"))
        .errorCode("NOPE")
        .send()
        .join();

    // then
    Incident incident = processes.awaitIncident(instance);
    assertThat(incident.getErrorType()).isEqualTo(IncidentErrorType.UNHANDLED_ERROR_EVENT);
    assertThat(incident.getErrorMessage()).contains("'NOPE'").contains("not caught");
  }

  @Test
  void terminateEndEventEndsTheOtherBranches() {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("abort")
            .startEvent()
            .parallelGateway("split")
            .serviceTask("slow", t -> t.zeebeJobType("abort-slow"))
            .endEvent("normal")
            .moveToNode("split")
            .endEvent("stop", e -> e.terminate())
            .done());

    // when
    long instance = processes.start("abort", Map.of());

    // then
    processes.awaitCompleted(instance);
    assertThat(processes.activate("abort-slow", 1)).isEmpty();
  }

  @Test
  void cancellingAnInstanceTerminatesItAndItsJobs() {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("cancel")
            .startEvent()
            .serviceTask("t", t -> t.zeebeJobType("cancel-t"))
            .endEvent()
            .done());
    long instance = processes.start("cancel", Map.of());

    // when
    client.newCancelInstanceCommand(instance).send().join();

    // then
    assertThat(processes.state(instance)).isEqualTo(ProcessInstanceState.TERMINATED);
    assertThat(processes.activate("cancel-t", 1)).isEmpty();
  }
}
