package io.rollgate.engine.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.ElementInstanceState;
import io.camunda.client.api.search.enums.IncidentErrorType;
import io.camunda.client.api.search.response.ElementInstance;
import io.camunda.client.api.search.response.Incident;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.rollgate.engine.testing.RollgateEngineTest;
import io.rollgate.engine.testing.TestEngine;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The remaining elements and read endpoints, each as a user of the API would notice them. */
@RollgateEngineTest
class ElementsIT {
  static TestEngine ENGINE;

  private final CamundaClient client = ENGINE.client();
  private final Processes processes = new Processes(client);

  @Test
  void manualUndefinedTasksAndThrowEventsPassThroughWhileSendTasksWaitForAWorker() {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("passing")
            .startEvent("start")
            .manualTask("checklist")
            .task("note")
            .intermediateThrowEvent("milestone")
            .sendTask("announce", t -> t.zeebeJobType("passing-announce"))
            .endEvent("end")
            .done());

    // when
    long instance = processes.start("passing", Map.of());

    // then
    assertThat(processes.completedElementIds(instance))
        .containsExactly("start", "checklist", "note", "milestone");
    assertThat(processes.activeElementIds(instance)).containsExactly("announce");
    List<ElementInstance> elements = processes.elements(instance);
    assertThat(elements)
        .extracting(e -> e.getType().name())
        .containsExactly(
            "START_EVENT", "MANUAL_TASK", "TASK", "INTERMEDIATE_THROW_EVENT", "SEND_TASK");

    // when
    processes.complete("passing-announce", Map.of());

    // then
    processes.awaitCompleted(instance);
  }

  @Test
  void jobTypeAndRetriesMayBeFeelExpressions() {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("dynamic")
            .startEvent()
            .serviceTask(
                "call",
                t ->
                    t.zeebeJobTypeExpression("\"ci-\" + provider")
                        .zeebeJobRetriesExpression("attempts"))
            .endEvent()
            .done());

    // when
    processes.start("dynamic", Map.of("provider", "gitlab", "attempts", 5));

    // then
    ActivatedJob job = processes.activateOne("ci-gitlab");
    assertThat(job.getType()).isEqualTo("ci-gitlab");
    assertThat(job.getRetries()).isEqualTo(5);
  }

  @Test
  void failingJobTypeExpressionRaisesAnIncidentThatResolvesOnceTheVariableExists() {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("notype")
            .startEvent()
            .serviceTask("call", t -> t.zeebeJobTypeExpression("provider"))
            .endEvent()
            .done());
    long instance = processes.start("notype", Map.of());

    // when
    Incident incident = processes.awaitIncident(instance);

    // then
    assertThat(incident.getErrorType()).isEqualTo(IncidentErrorType.EXTRACT_VALUE_ERROR);
    assertThat(incident.getErrorMessage()).contains("provider");

    // when
    client.newSetVariablesCommand(instance).variables(Map.of("provider", "jenkins")).send().join();
    client.newResolveIncidentCommand(incident.getIncidentKey()).send().join();

    // then
    assertThat(processes.activateOne("jenkins").getProcessInstanceKey()).isEqualTo(instance);
  }

  @Test
  void failingOutputMappingRaisesAnIoMappingIncident() {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("badout")
            .startEvent()
            .serviceTask(
                "call",
                t ->
                    t.zeebeJobType("badout")
                        .zeebeOutputExpression("assert(result, result != null)", "checked"))
            .endEvent()
            .done());
    long instance = processes.start("badout", Map.of());

    // when
    processes.complete("badout", Map.of());

    // then
    Incident incident = processes.awaitIncident(instance);
    assertThat(incident.getErrorType()).isEqualTo(IncidentErrorType.IO_MAPPING_ERROR);
    assertThat(incident.getElementId()).isEqualTo("call");
    assertThat(processes.activeElementIds(instance)).containsExactly("call");

    // when: the variable arrives and the incident is resolved, the output mapping runs again
    long callKey = processes.elements(instance).get(1).getElementInstanceKey();
    client
        .newSetVariablesCommand(callKey)
        .variables(Map.of("result", "ok"))
        .local(true)
        .send()
        .join();
    client.newResolveIncidentCommand(incident.getIncidentKey()).send().join();

    // then
    processes.awaitCompleted(instance);
    assertThat(processes.rootVariables(instance)).containsEntry("checked", "\"ok\"");
  }

  @Test
  void catchAllBoundaryCatchesAnyCodeWhenNoSpecificOneMatches() {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("catchall")
            .startEvent()
            .serviceTask("call", t -> t.zeebeJobType("catchall"))
            .boundaryEvent("specific", b -> b.error("KNOWN"))
            .endEvent("known")
            .moveToActivity("call")
            .boundaryEvent("any", b -> b.error())
            .endEvent("unknown")
            .moveToActivity("call")
            .endEvent("ok")
            .done());
    long instance = processes.start("catchall", Map.of());

    // when
    client
        .newThrowErrorCommand(processes.activateOne("catchall"))
        .errorCode("SURPRISE")
        .send()
        .join();

    // then
    processes.awaitCompleted(instance);
    assertThat(processes.completedElementIds(instance))
        .contains("any", "unknown")
        .doesNotContain("specific", "ok");
  }

  @Test
  void awaitingAnInstanceThatDoesNotFinishInTimeFailsWithDeadlineExceeded() {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("never")
            .startEvent()
            .serviceTask("t", t -> t.zeebeJobType("never-done"))
            .endEvent()
            .done());

    // when / then
    assertThatThrownBy(
            () ->
                client
                    .newCreateInstanceCommand()
                    .bpmnProcessId("never")
                    .latestVersion()
                    .withResult()
                    .requestTimeout(Duration.ofMillis(500))
                    .send()
                    .join())
        .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.code()).isEqualTo(504));
  }

  @Test
  void awaitingReturnsOnlyTheRequestedVariables() {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("fetch")
            .startEvent()
            .scriptTask("s", t -> t.zeebeExpression("a + b").zeebeResultVariable("sum"))
            .endEvent()
            .done());

    // when
    var result =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("fetch")
            .latestVersion()
            .variables(Map.of("a", 2, "b", 3))
            .withResult()
            .fetchVariables("sum")
            .send()
            .join();

    // then
    assertThat(result.getVariablesAsMap()).containsOnlyKeys("sum").containsEntry("sum", 5);
  }

  @Test
  void entitiesCanBeReadByKey() {
    // given
    long definitionKey =
        ENGINE
            .deploy(
                Bpmn.createExecutableProcess("byKey")
                    .name("By key")
                    .startEvent()
                    .serviceTask("t", t -> t.zeebeJobType("bykey"))
                    .endEvent()
                    .done())
            .getProcesses()
            .get(0)
            .getProcessDefinitionKey();
    long instance = processes.start("byKey", Map.of("owner", "ana"));
    ActivatedJob job = processes.activateOne("bykey");
    long variableKey =
        client
            .newVariableSearchRequest()
            .filter(f -> f.processInstanceKey(instance).name("owner"))
            .send()
            .join()
            .items()
            .get(0)
            .getVariableKey();

    // when
    var definition = client.newProcessDefinitionGetRequest(definitionKey).send().join();
    var element = client.newElementInstanceGetRequest(job.getElementInstanceKey()).send().join();
    var variable = client.newVariableGetRequest(variableKey).send().join();

    // then
    assertThat(definition.getName()).isEqualTo("By key");
    assertThat(definition.getVersion()).isEqualTo(1);
    assertThat(element.getElementId()).isEqualTo("t");
    assertThat(element.getState()).isEqualTo(ElementInstanceState.ACTIVE);
    assertThat(variable.getValue()).isEqualTo("\"ana\"");
    assertThat(variable.getScopeKey()).isEqualTo(instance);
  }

  @Test
  void searchesPageWithCursorsAndSort() {
    // given
    ENGINE.deploy(Bpmn.createExecutableProcess("paged").startEvent().endEvent().done());
    for (int i = 0; i < 7; i++) {
      processes.start("paged", Map.of("i", i));
    }

    // when
    var first =
        client
            .newProcessInstanceSearchRequest()
            .filter(f -> f.processDefinitionId("paged"))
            .sort(s -> s.processInstanceKey().desc())
            .page(p -> p.limit(4))
            .send()
            .join();
    var second =
        client
            .newProcessInstanceSearchRequest()
            .filter(f -> f.processDefinitionId("paged"))
            .sort(s -> s.processInstanceKey().desc())
            .page(p -> p.limit(4).after(first.page().endCursor()))
            .send()
            .join();

    // then
    assertThat(first.page().totalItems()).isEqualTo(7);
    assertThat(first.items()).hasSize(4);
    assertThat(second.items()).hasSize(3);
    assertThat(first.items().get(0).getProcessInstanceKey())
        .isGreaterThan(first.items().get(3).getProcessInstanceKey());
    assertThat(first.items().get(3).getProcessInstanceKey())
        .isGreaterThan(second.items().get(0).getProcessInstanceKey());
  }
}
