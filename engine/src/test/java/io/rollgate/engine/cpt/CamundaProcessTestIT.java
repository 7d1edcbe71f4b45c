package io.rollgate.engine.cpt;

import static io.camunda.process.test.api.CamundaAssert.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.process.test.api.CamundaProcessTestContext;
import io.camunda.process.test.api.CamundaProcessTestExtension;
import io.camunda.process.test.api.CamundaProcessTestRuntimeMode;
import io.camunda.process.test.api.assertions.UserTaskSelectors;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.rollgate.engine.RollgateEngine;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Camunda Process Test in REMOTE mode against the embedded engine: CPT's own assertions and
 * helpers, with its purge between tests.
 */
class CamundaProcessTestIT {
  private static final java.nio.file.Path DATA = tempDirectory();
  private static final RollgateEngine ENGINE =
      RollgateEngine.builder().dataDirectory(DATA).build().start();

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

  private static java.nio.file.Path tempDirectory() {
    try {
      return Files.createTempDirectory("rollgate-cpt");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterAll
  static void stopEngine() throws IOException {
    ENGINE.close();
    try (var paths = Files.walk(DATA)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private ProcessInstanceEvent start(String processId, Map<String, Object> variables) {
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId(processId)
        .latestVersion()
        .variables(variables)
        .send()
        .join();
  }

  @RepeatedTest(3)
  void releaseGoesThroughItsGatesInOrder() {
    // given
    client
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess("release")
                .startEvent("start")
                .serviceTask("readiness", t -> t.zeebeJobType("readiness-check"))
                .userTask("goNoGo", u -> u.zeebeUserTask().zeebeCandidateGroups("release-managers"))
                .exclusiveGateway("decision")
                .conditionExpression("decision = \"GO\"")
                .serviceTask("rollout", t -> t.zeebeJobType("rollout"))
                .endEvent("released")
                .moveToLastExclusiveGateway()
                .defaultFlow()
                .endEvent("stopped")
                .done(),
            "release.bpmn")
        .send()
        .join();
    processTestContext
        .mockJobWorker("readiness-check")
        .thenComplete(Map.of("verdict", "GO_WITH_RISK"));
    processTestContext.mockJobWorker("rollout").thenComplete();

    // when
    ProcessInstanceEvent instance = start("release", Map.of("release", "R-1"));

    // then
    assertThat(instance).hasActiveElements("goNoGo").hasVariable("verdict", "GO_WITH_RISK");
    assertThat(UserTaskSelectors.byElementId("goNoGo")).isCreated();
    processTestContext.completeUserTask("goNoGo", Map.of("decision", "GO"));
    assertThat(instance)
        .isCompleted()
        .hasCompletedElementsInOrder(
            "start", "readiness", "goNoGo", "decision", "rollout", "released")
        .hasVariable("decision", "GO");
  }

  @Test
  void timersFireWhenTheTestMovesTheClock() {
    // given
    client
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess("window")
                .startEvent()
                .intermediateCatchEvent("windowOpens")
                .timerWithDuration("PT2H")
                .endEvent("cutover")
                .done(),
            "window.bpmn")
        .send()
        .join();
    ProcessInstanceEvent instance = start("window", Map.of());
    assertThat(instance).hasActiveElements("windowOpens");

    // when
    processTestContext.increaseTime(Duration.ofHours(3));

    // then
    assertThat(instance).isCompleted().hasCompletedElements("cutover");
  }

  @Test
  void incidentsAreVisibleToAssertions() {
    // given
    client
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess("failing")
                .startEvent()
                .serviceTask("call", t -> t.zeebeJobType("failing-call"))
                .endEvent()
                .done(),
            "failing.bpmn")
        .send()
        .join();
    processTestContext.mockJobWorker("failing-call").thenThrowBpmnError("UNEXPECTED");

    // when
    ProcessInstanceEvent instance = start("failing", Map.of());

    // then
    assertThat(instance).isActive().hasActiveIncidents();
  }

  @Test
  void aMockedChildProcessStandsInForTheCalledProcess() {
    // given
    client
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess("release-call")
                .startEvent()
                .callActivity("readiness", c -> c.zeebeProcessId("readiness-gates"))
                .endEvent("afterGates")
                .done(),
            "release-call.bpmn")
        .send()
        .join();
    processTestContext.mockChildProcess("readiness-gates", Map.of("verdict", "GO"));

    // when
    ProcessInstanceEvent instance = start("release-call", Map.of());

    // then
    assertThat(instance)
        .isCompleted()
        .hasCompletedElements("readiness", "afterGates")
        .hasVariable("verdict", "GO");
  }

  @Test
  void aMockedDecisionAnswersTheBusinessRuleTask() {
    // given
    client
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess("risk-check")
                .startEvent()
                .businessRuleTask(
                    "assessRisk",
                    t -> t.zeebeCalledDecisionId("risk-level").zeebeResultVariable("risk"))
                .exclusiveGateway()
                .conditionExpression("risk.cab")
                .endEvent("toCab")
                .moveToLastExclusiveGateway()
                .defaultFlow()
                .endEvent("standardChange")
                .done(),
            "risk-check.bpmn")
        .send()
        .join();
    processTestContext.mockDmnDecision("risk-level", Map.of("level", "high", "cab", true));

    // when
    ProcessInstanceEvent instance = start("risk-check", Map.of());

    // then
    assertThat(instance)
        .isCompleted()
        .hasCompletedElementsInOrder("assessRisk", "toCab")
        .hasVariable("risk", Map.of("level", "high", "cab", true));
  }
}
