package io.rollgate.engine.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.IncidentErrorType;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.Incident;
import io.camunda.client.api.search.response.ProcessInstance;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.rollgate.engine.testing.RollgateEngineTest;
import io.rollgate.engine.testing.TestEngine;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Call activities: the release calling its readiness, approval and rollout processes. */
@RollgateEngineTest
class CallActivityIT {
  static TestEngine ENGINE;

  private final CamundaClient client = ENGINE.client();
  private final Processes processes = new Processes(client);

  private ProcessInstance child(long parent) {
    return client
        .newProcessInstanceSearchRequest()
        .filter(f -> f.parentProcessInstanceKey(parent))
        .send()
        .join()
        .items()
        .get(0);
  }

  @Test
  void calledProcessGetsTheVariablesAndHandsItsOwnBack() {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("readiness")
            .startEvent()
            .serviceTask("check", t -> t.zeebeJobType("readiness-check"))
            .endEvent()
            .done());
    ENGINE.deploy(
        Bpmn.createExecutableProcess("release")
            .startEvent()
            .callActivity("gates", c -> c.zeebeProcessId("readiness"))
            .endEvent()
            .done());
    long parent = processes.start("release", Map.of("service", "payments"));

    // when
    ActivatedJob job = processes.activateOne("readiness-check");
    client.newCompleteCommand(job).variables(Map.of("verdict", "GO")).send().join();

    // then
    assertThat(job.getVariablesAsMap()).containsEntry("service", "payments");
    processes.awaitCompleted(parent);
    assertThat(processes.rootVariables(parent)).containsEntry("verdict", "\"GO\"");
    ProcessInstance child = child(parent);
    assertThat(child.getProcessDefinitionId()).isEqualTo("readiness");
    assertThat(child.getState()).isEqualTo(ProcessInstanceState.COMPLETED);
  }

  @Test
  void mappingsDecideWhatCrossesWhenPropagationIsOff() {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("notify")
            .startEvent()
            .serviceTask("send", t -> t.zeebeJobType("notify-send"))
            .endEvent()
            .done());
    ENGINE.deploy(
        Bpmn.createExecutableProcess("release-quiet")
            .startEvent()
            .callActivity(
                "tell",
                c ->
                    c.zeebeProcessIdExpression("\"notify\"")
                        .zeebePropagateAllParentVariables(false)
                        .zeebePropagateAllChildVariables(false)
                        .zeebeInputExpression("release.id", "releaseId")
                        .zeebeOutputExpression("messageId", "notified"))
            .endEvent()
            .done());
    long parent =
        processes.start("release-quiet", Map.of("release", Map.of("id", "R-3"), "secret", "x"));

    // when
    ActivatedJob job = processes.activateOne("notify-send");
    client
        .newCompleteCommand(job)
        .variables(Map.of("messageId", "m-9", "scratch", 1))
        .send()
        .join();

    // then
    assertThat(job.getVariablesAsMap()).containsOnlyKeys("releaseId");
    processes.awaitCompleted(parent);
    assertThat(processes.rootVariables(parent))
        .containsEntry("notified", "\"m-9\"")
        .doesNotContainKeys("scratch", "messageId");
  }

  @Test
  void outputMappingReadsTheCalledInstancesValueWhenChildPropagationIsOff() {
    // given: the caller takes back only what its output mapping names
    ENGINE.deploy(
        Bpmn.createExecutableProcess("smoke-test")
            .startEvent()
            .serviceTask("run", t -> t.zeebeJobType("smoke-run"))
            .endEvent()
            .done());
    ENGINE.deploy(
        Bpmn.createExecutableProcess("release-smoke")
            .startEvent()
            .callActivity(
                "smoke",
                c ->
                    c.zeebeProcessId("smoke-test")
                        .zeebePropagateAllChildVariables(false)
                        .zeebeOutputExpression("childResult", "fromChild"))
            .endEvent()
            .done());
    long parent = processes.start("release-smoke", Map.of("service", "payments"));

    // when
    processes.complete("smoke-run", Map.of("childResult", "passed", "log", "42 checks"));

    // then
    processes.awaitCompleted(parent);
    assertThat(processes.rootVariables(parent))
        .containsEntry("fromChild", "\"passed\"")
        .doesNotContainKeys("childResult", "log");
  }

  @Test
  void errorInTheCalledProcessIsCaughtOnTheCallActivity() {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("approval")
            .startEvent()
            .serviceTask("cab", t -> t.zeebeJobType("approval-cab"))
            .endEvent()
            .done());
    ENGINE.deploy(
        Bpmn.createExecutableProcess("release-cab")
            .startEvent()
            .callActivity("approve", c -> c.zeebeProcessId("approval"))
            .boundaryEvent("rejected", b -> b.error("CAB_REJECTED"))
            .endEvent("noGo")
            .moveToActivity("approve")
            .endEvent("go")
            .done());
    long parent = processes.start("release-cab", Map.of());

    // when
    client
        .newThrowErrorCommand(processes.activateOne("approval-cab"))
        .errorCode("CAB_REJECTED")
        .send()
        .join();

    // then
    processes.awaitCompleted(parent);
    assertThat(processes.completedElementIds(parent))
        .contains("rejected", "noGo")
        .doesNotContain("go");
    assertThat(child(parent).getState()).isEqualTo(ProcessInstanceState.TERMINATED);
  }

  @Test
  void missingCalledProcessIsAnIncidentThatResolvesOnceItIsDeployed() {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("release-early")
            .startEvent()
            .callActivity("rollout", c -> c.zeebeProcessId("phased-rollout"))
            .endEvent()
            .done());
    long parent = processes.start("release-early", Map.of());
    Incident incident = processes.awaitIncident(parent);
    assertThat(incident.getErrorType()).isEqualTo(IncidentErrorType.CALLED_ELEMENT_ERROR);
    assertThat(incident.getErrorMessage()).contains("'phased-rollout'");

    // when
    ENGINE.deploy(Bpmn.createExecutableProcess("phased-rollout").startEvent().endEvent().done());
    client.newResolveIncidentCommand(incident.getIncidentKey()).send().join();

    // then
    processes.awaitCompleted(parent);
  }

  @Test
  void cancellingTheCallerCancelsTheCalledInstanceWhichCannotBeCancelledAlone() {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("cutover")
            .startEvent()
            .serviceTask("step", t -> t.zeebeJobType("cutover-step"))
            .endEvent()
            .done());
    ENGINE.deploy(
        Bpmn.createExecutableProcess("release-cut")
            .startEvent()
            .callActivity("cut", c -> c.zeebeProcessId("cutover"))
            .endEvent()
            .done());
    long parent = processes.start("release-cut", Map.of());
    long called = child(parent).getProcessInstanceKey();

    // when / then
    assertThatThrownBy(() -> client.newCancelInstanceCommand(called).send().join())
        .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.code()).isEqualTo(409));
    client.newCancelInstanceCommand(parent).send().join();
    assertThat(processes.state(called)).isEqualTo(ProcessInstanceState.TERMINATED);
    assertThat(processes.activate("cutover-step", 1)).isEmpty();
  }

  private static io.camunda.zeebe.model.bpmn.BpmnModelInstance checklist(
      String tag, String origin) {
    var builder = Bpmn.createExecutableProcess("release-checklist");
    if (tag != null) {
      builder.versionTag(tag);
    }
    return builder
        .startEvent()
        .scriptTask(
            "mark", t -> t.zeebeExpression("\"" + origin + "\"").zeebeResultVariable("origin"))
        .endEvent()
        .done();
  }

  private static io.camunda.zeebe.model.bpmn.BpmnModelInstance caller(
      String id, io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeBindingType binding, String tag) {
    return Bpmn.createExecutableProcess(id)
        .startEvent()
        .callActivity(
            "runChecklist",
            c -> {
              c.zeebeProcessId("release-checklist").zeebeBindingType(binding);
              if (tag != null) {
                c.zeebeVersionTag(tag);
              }
            })
        .endEvent()
        .done();
  }

  @Test
  void deploymentBindingCallsTheVersionDeployedWithTheCaller() {
    // given the caller deployed together with the checklist, then a newer checklist alone
    client
        .newDeployResourceCommand()
        .addProcessModel(
            caller(
                "bound-release",
                io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeBindingType.deployment,
                null),
            "bound-release.bpmn")
        .addProcessModel(checklist(null, "with-caller"), "release-checklist.bpmn")
        .send()
        .join();
    ENGINE.deploy(checklist(null, "newer"));

    // when
    long instance = processes.start("bound-release", Map.of());

    // then
    processes.awaitCompleted(instance);
    assertThat(processes.rootVariables(instance)).containsEntry("origin", "\"with-caller\"");
  }

  @Test
  void versionTagBindingCallsTheLatestVersionWithThatTag() {
    // given
    ENGINE.deploy(checklist("1.0", "tagged-first"));
    ENGINE.deploy(checklist("1.0-hotfix", "other-tag"));
    ENGINE.deploy(
        caller(
            "tag-release",
            io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeBindingType.versionTag,
            "1.0"));
    ENGINE.deploy(checklist(null, "untagged-latest"));

    // when
    long instance = processes.start("tag-release", Map.of());

    // then
    processes.awaitCompleted(instance);
    assertThat(processes.rootVariables(instance)).containsEntry("origin", "\"tagged-first\"");
    assertThat(
            client
                .newProcessDefinitionSearchRequest()
                .filter(f -> f.processDefinitionId("release-checklist").versionTag("1.0"))
                .send()
                .join()
                .items())
        .hasSize(1);
  }

  @Test
  void aVersionTagNobodyDeployedIsACalledElementIncident() {
    // given
    ENGINE.deploy(checklist(null, "any"));
    ENGINE.deploy(
        caller(
            "missing-tag-release",
            io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeBindingType.versionTag,
            "9.9"));

    // when
    long instance = processes.start("missing-tag-release", Map.of());

    // then
    Incident incident = processes.awaitIncident(instance);
    assertThat(incident.getErrorType()).isEqualTo(IncidentErrorType.CALLED_ELEMENT_ERROR);
    assertThat(incident.getErrorMessage()).contains("version tag '9.9'");
  }
}
