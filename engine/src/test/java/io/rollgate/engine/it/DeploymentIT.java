package io.rollgate.engine.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.api.response.Process;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DeploymentIT {
  @RegisterExtension static final EngineExtension ENGINE = new EngineExtension();

  private final CamundaClient client = ENGINE.client();

  private static BpmnModelInstance gate(String jobType) {
    return Bpmn.createExecutableProcess("gate")
        .name("Readiness gate")
        .startEvent()
        .serviceTask("check", t -> t.zeebeJobType(jobType))
        .endEvent()
        .done();
  }

  @Test
  void sameResourceKeepsItsVersionAndAChangedOneGetsTheNext() {
    // when
    BpmnModelInstance model = gate("ci-status");
    Process first = ENGINE.deploy(model).getProcesses().get(0);
    Process again = ENGINE.deploy(model).getProcesses().get(0);
    Process changed = ENGINE.deploy(gate("ci-pipeline-status")).getProcesses().get(0);

    // then
    assertThat(first.getVersion()).isEqualTo(1);
    assertThat(again.getVersion()).isEqualTo(1);
    assertThat(again.getProcessDefinitionKey()).isEqualTo(first.getProcessDefinitionKey());
    assertThat(changed.getVersion()).isEqualTo(2);
    assertThat(changed.getProcessDefinitionKey()).isNotEqualTo(first.getProcessDefinitionKey());
    assertThat(changed.getResourceName()).isEqualTo("gate.bpmn");
  }

  @Test
  void instancesStartOnTheLatestTheGivenVersionOrTheGivenKey() {
    // given
    long v1 =
        ENGINE
            .deploy(Bpmn.createExecutableProcess("versions").startEvent().endEvent("a").done())
            .getProcesses()
            .get(0)
            .getProcessDefinitionKey();
    long v2 =
        ENGINE
            .deploy(Bpmn.createExecutableProcess("versions").startEvent().endEvent("b").done())
            .getProcesses()
            .get(0)
            .getProcessDefinitionKey();

    // when
    var latest =
        client.newCreateInstanceCommand().bpmnProcessId("versions").latestVersion().send().join();
    var byVersion =
        client.newCreateInstanceCommand().bpmnProcessId("versions").version(1).send().join();
    var byKey = client.newCreateInstanceCommand().processDefinitionKey(v1).send().join();

    // then
    assertThat(latest.getProcessDefinitionKey()).isEqualTo(v2);
    assertThat(latest.getVersion()).isEqualTo(2);
    assertThat(byVersion.getProcessDefinitionKey()).isEqualTo(v1);
    assertThat(byKey.getVersion()).isEqualTo(1);
  }

  @Test
  void definitionsAreSearchableAndTheirXmlIsServed() {
    // given
    DeploymentEvent deployed =
        ENGINE.deploy(Bpmn.createExecutableProcess("searchable").startEvent().endEvent().done());
    long key = deployed.getProcesses().get(0).getProcessDefinitionKey();

    // when
    var found =
        client
            .newProcessDefinitionSearchRequest()
            .filter(f -> f.processDefinitionId("searchable"))
            .send()
            .join();
    String xml = client.newProcessDefinitionGetXmlRequest(key).send().join();

    // then
    assertThat(found.items())
        .singleElement()
        .satisfies(d -> assertThat(d.getProcessDefinitionKey()).isEqualTo(key));
    assertThat(xml).contains("id=\"searchable\"");
  }

  @Test
  void unsupportedElementsAreRejectedByIdAndType() {
    // given
    BpmnModelInstance withUserTask =
        Bpmn.createExecutableProcess("human")
            .startEvent()
            .task("prepare")
            .intermediateCatchEvent("untilFrozen")
            .condition("=freeze")
            .intermediateCatchEvent("untilApproved")
            .condition("=approved")
            .endEvent()
            .done();

    // when / then
    assertThatThrownBy(() -> ENGINE.deploy(withUserTask))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.code()).isEqualTo(400);
              assertThat(e.details().getDetail())
                  .contains("'untilFrozen' (intermediateCatchEvent)")
                  .contains("'untilApproved' (intermediateCatchEvent)");
            });
    assertThat(
            client
                .newProcessDefinitionSearchRequest()
                .filter(f -> f.processDefinitionId("human"))
                .send()
                .join()
                .items())
        .isEmpty();
  }

  @Test
  void invalidFeelIsRejectedAtDeployTime() {
    // given
    BpmnModelInstance badFeel =
        Bpmn.createExecutableProcess("badfeel")
            .startEvent()
            .exclusiveGateway("gw")
            .conditionExpression("score >= ")
            .endEvent()
            .moveToLastExclusiveGateway()
            .defaultFlow()
            .endEvent()
            .done();

    // when / then
    assertThatThrownBy(() -> ENGINE.deploy(badFeel))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.code()).isEqualTo(400);
              assertThat(e.details().getDetail())
                  .contains("invalid FEEL expression")
                  .contains("score >=");
            });
  }

  @Test
  void malformedXmlIsRejectedWithAClearMessage() {
    // when / then
    assertThatThrownBy(
            () ->
                client
                    .newDeployResourceCommand()
                    .addResourceStringUtf8("<definitions", "broken.bpmn")
                    .send()
                    .join())
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.code()).isEqualTo(400);
              assertThat(e.details().getDetail())
                  .contains("'broken.bpmn'")
                  .contains("not a valid BPMN XML document");
            });
  }

  @Test
  void unknownProcessIdAndKeyAreNotFound() {
    assertThatThrownBy(
            () ->
                client
                    .newCreateInstanceCommand()
                    .bpmnProcessId("nope")
                    .latestVersion()
                    .send()
                    .join())
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.code()).isEqualTo(404);
              assertThat(e.details().getDetail()).contains("process ID 'nope'");
            });
    assertThatThrownBy(
            () ->
                client
                    .newCreateInstanceCommand()
                    .processDefinitionKey(42L)
                    .variables(Map.of())
                    .send()
                    .join())
        .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.code()).isEqualTo(404));
  }
}
