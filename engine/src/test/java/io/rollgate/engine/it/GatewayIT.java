package io.rollgate.engine.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.IncidentErrorType;
import io.camunda.client.api.search.response.Incident;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.rollgate.engine.testing.RollgateEngineTest;
import io.rollgate.engine.testing.TestEngine;
import java.util.Map;
import org.junit.jupiter.api.Test;

@RollgateEngineTest
class GatewayIT {
  static TestEngine ENGINE;

  private final CamundaClient client = ENGINE.client();
  private final Processes processes = new Processes(client);

  @Test
  void exclusiveGatewayTakesTheFirstMatchingFlowOrTheDefault() {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("decide")
            .startEvent()
            .exclusiveGateway("risk")
            .sequenceFlowId("toGo")
            .conditionExpression("score >= 80")
            .endEvent("go")
            .moveToLastGateway()
            .sequenceFlowId("toRisk")
            .conditionExpression("score >= 50")
            .endEvent("goWithRisk")
            .moveToLastExclusiveGateway()
            .defaultFlow()
            .endEvent("noGo")
            .done());

    // when
    long high = processes.start("decide", Map.of("score", 95));
    long middle = processes.start("decide", Map.of("score", 60));
    long low = processes.start("decide", Map.of("score", 10));

    // then
    assertThat(processes.completedElementIds(high))
        .contains("go")
        .doesNotContain("goWithRisk", "noGo");
    assertThat(processes.completedElementIds(middle))
        .contains("goWithRisk")
        .doesNotContain("go", "noGo");
    assertThat(processes.completedElementIds(low))
        .contains("noGo")
        .doesNotContain("go", "goWithRisk");
    var flows = client.newProcessInstanceSequenceFlowsRequest(high).send().join();
    assertThat(flows).extracting(f -> f.getElementId()).contains("toGo").doesNotContain("toRisk");
  }

  @Test
  void exclusiveGatewayWithoutMatchRaisesAnIncidentThatContinuesAfterVariablesAreFixed() {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("strict")
            .startEvent()
            .exclusiveGateway("gw")
            .conditionExpression("approved = true")
            .endEvent("yes")
            .moveToLastGateway()
            .conditionExpression("approved = false")
            .endEvent("no")
            .done());
    long instance = processes.start("strict", Map.of());

    // when
    Incident incident = processes.awaitIncident(instance);

    // then
    assertThat(incident.getErrorType()).isEqualTo(IncidentErrorType.CONDITION_ERROR);
    assertThat(incident.getElementId()).isEqualTo("gw");
    assertThat(client.newProcessInstanceGetRequest(instance).send().join().getHasIncident())
        .isTrue();

    // when
    client.newSetVariablesCommand(instance).variables(Map.of("approved", false)).send().join();
    client.newResolveIncidentCommand(incident.getIncidentKey()).send().join();

    // then
    processes.awaitCompleted(instance);
    assertThat(processes.completedElementIds(instance)).contains("no").doesNotContain("yes");
  }

  @Test
  void parallelGatewayForksAndJoinsOnlyWhenEveryBranchArrived() {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("fork")
            .startEvent()
            .parallelGateway("split")
            .serviceTask("ci", t -> t.zeebeJobType("fork-ci"))
            .parallelGateway("join")
            .endEvent("end")
            .moveToNode("split")
            .serviceTask("incidents", t -> t.zeebeJobType("fork-incidents"))
            .connectTo("join")
            .done());
    long instance = processes.start("fork", Map.of());

    // when
    processes.complete("fork-ci", Map.of("ciGreen", true));

    // then
    assertThat(processes.activeElementIds(instance)).containsExactly("incidents");
    assertThat(processes.completedElementIds(instance)).doesNotContain("join");

    // when
    processes.complete("fork-incidents", Map.of("openIncidents", 0));

    // then
    processes.awaitCompleted(instance);
    assertThat(processes.completedElementIds(instance)).containsOnlyOnce("join").contains("end");
    assertThat(processes.rootVariables(instance))
        .containsEntry("ciGreen", "true")
        .containsEntry("openIncidents", "0");
  }

  @Test
  void inclusiveGatewayRunsEveryMatchingBranchAndJoinsThem() {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("inclusive")
            .startEvent()
            .inclusiveGateway("split")
            .conditionExpression("list contains(layers, \"db\")")
            .serviceTask("db", t -> t.zeebeJobType("inc-db"))
            .inclusiveGateway("join")
            .endEvent("end")
            .moveToNode("split")
            .conditionExpression("list contains(layers, \"app\")")
            .serviceTask("app", t -> t.zeebeJobType("inc-app"))
            .connectTo("join")
            .moveToNode("split")
            .conditionExpression("list contains(layers, \"flags\")")
            .serviceTask("flags", t -> t.zeebeJobType("inc-flags"))
            .connectTo("join")
            .done());
    long instance =
        processes.start("inclusive", Map.of("layers", java.util.List.of("db", "flags")));

    // then: two branches active, the third not taken
    assertThat(processes.activeElementIds(instance)).containsExactlyInAnyOrder("db", "flags");

    // when
    processes.complete("inc-db", Map.of());

    // then: the join waits for the flags branch, not for the untaken app branch
    assertThat(processes.completedElementIds(instance)).doesNotContain("join");
    processes.complete("inc-flags", Map.of());
    processes.awaitCompleted(instance);
    assertThat(processes.completedElementIds(instance))
        .containsOnlyOnce("join")
        .doesNotContain("app");
  }

  @Test
  void aBranchThatEndsAtOnceDoesNotCompleteTheProcessWhileAnotherIsStillOnItsWay() {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("uneven")
            .startEvent()
            .parallelGateway("split")
            .endEvent("quick")
            .moveToNode("split")
            .manualTask("prepare")
            .serviceTask("work", t -> t.zeebeJobType("uneven-work"))
            .endEvent("slow")
            .done());

    // when
    long instance = processes.start("uneven", Map.of());

    // then
    assertThat(processes.state(instance))
        .isEqualTo(io.camunda.client.api.search.enums.ProcessInstanceState.ACTIVE);
    assertThat(processes.activeElementIds(instance)).containsExactly("work");
    processes.complete("uneven-work", Map.of());
    processes.awaitCompleted(instance);
  }

  @Test
  void inclusiveJoinWaitsForBranchesThatPassStraightThrough() {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("straight")
            .startEvent()
            .inclusiveGateway("split")
            .conditionExpression("true")
            .manualTask("a")
            .inclusiveGateway("join")
            .serviceTask("after", t -> t.zeebeJobType("straight-after"))
            .endEvent()
            .moveToNode("split")
            .conditionExpression("true")
            .manualTask("b")
            .connectTo("join")
            .done());

    // when
    long instance = processes.start("straight", Map.of());

    // then: one join, one job after it
    assertThat(processes.completedElementIds(instance)).containsOnlyOnce("join").contains("a", "b");
    assertThat(processes.activate("straight-after", 5)).hasSize(1);
  }
}
