package io.rollgate.engine.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.rollgate.engine.testing.RollgateEngineTest;
import io.rollgate.engine.testing.TestEngine;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Multi-instance: the rollout waves and the parallel readiness checks. */
@RollgateEngineTest
class MultiInstanceIT {
  static TestEngine ENGINE;

  private final CamundaClient client = ENGINE.client();
  private final Processes processes = new Processes(client);

  @Test
  void sequentialWavesRunOneAfterAnotherAndCollectTheirResults() {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("waves")
            .startEvent()
            .serviceTask(
                "wave",
                t ->
                    t.zeebeJobType("waves-set")
                        .multiInstance(
                            m ->
                                m.sequential()
                                    .zeebeInputCollectionExpression("percentages")
                                    .zeebeInputElement("percent")
                                    .zeebeOutputCollection("healths")
                                    .zeebeOutputElementExpression("health")))
            .endEvent()
            .done());
    long instance = processes.start("waves", Map.of("percentages", List.of(1, 10, 50, 100)));

    // when / then: one wave at a time, in order
    for (int percent : new int[] {1, 10, 50, 100}) {
      List<ActivatedJob> jobs = processes.activate("waves-set", 10);
      assertThat(jobs).hasSize(1);
      assertThat(jobs.get(0).getVariablesAsMap())
          .containsEntry("percent", percent)
          .containsEntry("loopCounter", List.of(1, 10, 50, 100).indexOf(percent) + 1);
      client
          .newCompleteCommand(jobs.get(0))
          .variables(Map.of("health", "ok-" + percent))
          .send()
          .join();
    }
    processes.awaitCompleted(instance);
    assertThat(processes.rootVariables(instance))
        .containsEntry("healths", "[\"ok-1\",\"ok-10\",\"ok-50\",\"ok-100\"]");
  }

  @Test
  void parallelInstancesStartTogetherAndTheCompletionConditionEndsThemEarly() {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("checks")
            .startEvent()
            .serviceTask(
                "check",
                t ->
                    t.zeebeJobType("checks-run")
                        .multiInstance(
                            m ->
                                m.parallel()
                                    .zeebeInputCollectionExpression("services")
                                    .zeebeInputElement("service")
                                    .completionCondition("= numberOfCompletedInstances >= 2")))
            .endEvent("done")
            .done());
    long instance = processes.start("checks", Map.of("services", List.of("api", "db", "queue")));

    // when
    List<ActivatedJob> jobs = processes.activate("checks-run", 10);
    jobs.sort(Comparator.comparing(ActivatedJob::getKey));
    client.newCompleteCommand(jobs.get(0)).send().join();
    client.newCompleteCommand(jobs.get(1)).send().join();

    // then
    assertThat(jobs)
        .extracting(j -> j.getVariablesAsMap().get("service"))
        .containsExactly("api", "db", "queue");
    processes.awaitCompleted(instance);
    assertThat(processes.activate("checks-run", 10)).isEmpty();
    assertThat(processes.elements(instance))
        .extracting(e -> e.getType().name())
        .contains("MULTI_INSTANCE_BODY");
  }

  @Test
  void emptyCollectionCompletesAtOnceAndABoundaryInterruptsTheWholeBody() {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("rollback-all")
            .startEvent()
            .serviceTask(
                "step",
                t ->
                    t.zeebeJobType("rollback-step")
                        .multiInstance(m -> m.parallel().zeebeInputCollectionExpression("steps")))
            .boundaryEvent("failed", b -> b.error("STEP_FAILED"))
            .endEvent("escalated")
            .moveToActivity("step")
            .endEvent("rolledBack")
            .done());
    long empty = processes.start("rollback-all", Map.of("steps", List.of()));
    long three = processes.start("rollback-all", Map.of("steps", List.of("flags", "db", "app")));

    // when
    ActivatedJob one = processes.activate("rollback-step", 10).get(0);
    client.newThrowErrorCommand(one).errorCode("STEP_FAILED").send().join();

    // then
    processes.awaitCompleted(empty);
    assertThat(processes.completedElementIds(empty)).contains("rolledBack");
    processes.awaitCompleted(three);
    assertThat(processes.completedElementIds(three))
        .contains("failed", "escalated")
        .doesNotContain("rolledBack");
    assertThat(processes.activate("rollback-step", 10)).isEmpty();
  }
}
