package io.rollgate.engine.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.rollgate.engine.testing.RollgateEngineTest;
import io.rollgate.engine.testing.TestEngine;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Signals: a change freeze announced to every release at once. */
@RollgateEngineTest
class SignalsIT {
  static TestEngine ENGINE;

  private final CamundaClient client = ENGINE.client();
  private final Processes processes = new Processes(client);

  @Test
  void aBroadcastReachesEveryWaitingInstanceAndStartsSignalStartedProcesses() {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("await-thaw")
            .startEvent()
            .intermediateCatchEvent("thaw", e -> e.signal("freeze-lifted"))
            .endEvent()
            .done());
    ENGINE.deploy(
        Bpmn.createExecutableProcess("announce")
            .startEvent("lifted")
            .signal("freeze-lifted")
            .endEvent()
            .done());
    long first = processes.start("await-thaw", Map.of());
    long second = processes.start("await-thaw", Map.of());

    // when
    client
        .newBroadcastSignalCommand()
        .signalName("freeze-lifted")
        .variables(Map.of("by", "cab"))
        .send()
        .join();

    // then
    processes.awaitCompleted(first);
    processes.awaitCompleted(second);
    assertThat(processes.rootVariables(first)).containsEntry("by", "\"cab\"");
    assertThat(
            client
                .newProcessInstanceSearchRequest()
                .filter(f -> f.processDefinitionId("announce"))
                .send()
                .join()
                .items())
        .hasSize(1);
  }

  @Test
  void signalBoundaryInterruptsAndAThrowEventBroadcastsFromInsideAProcess() {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("rollout-frozen")
            .startEvent()
            .serviceTask("wave", t -> t.zeebeJobType("frozen-wave"))
            .boundaryEvent("freeze", b -> b.signal("freeze"))
            .endEvent("halted")
            .moveToActivity("wave")
            .endEvent("done")
            .done());
    ENGINE.deploy(
        Bpmn.createExecutableProcess("declare-freeze")
            .startEvent()
            .intermediateThrowEvent("announce", e -> e.signal("freeze"))
            .endEvent()
            .done());
    long rollout = processes.start("rollout-frozen", Map.of());

    // when
    long declaration = processes.start("declare-freeze", Map.of());

    // then
    processes.awaitCompleted(declaration);
    processes.awaitCompleted(rollout);
    assertThat(processes.completedElementIds(rollout))
        .contains("freeze", "halted")
        .doesNotContain("done");
    assertThat(processes.activate("frozen-wave", 1)).isEmpty();
  }
}
