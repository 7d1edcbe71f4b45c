package io.rollgate.engine.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.response.ProcessInstance;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.rollgate.engine.RollgateEngine;
import io.rollgate.engine.testing.RollgateEngineTest;
import io.rollgate.engine.testing.TestEngine;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Ended instances leave the engine once the history retention has passed on the engine clock. */
@RollgateEngineTest(settings = HistoryRetentionIT.Settings.class)
class HistoryRetentionIT {
  private static final Duration TTL = Duration.ofHours(1);

  static TestEngine ENGINE;

  /** Ended instances are kept for one hour of engine time. */
  static final class Settings implements RollgateEngineTest.Settings {
    @Override
    public RollgateEngine.Builder apply(RollgateEngine.Builder builder) {
      return builder.historyRetention(TTL);
    }
  }

  private CamundaClient client() {
    return ENGINE.client();
  }

  private List<ProcessInstance> instances(String processId) {
    return client()
        .newProcessInstanceSearchRequest()
        .filter(f -> f.processDefinitionId(processId))
        .send()
        .join()
        .items();
  }

  private long variablesOf(long processInstanceKey) {
    return client()
        .newVariableSearchRequest()
        .filter(f -> f.processInstanceKey(processInstanceKey))
        .send()
        .join()
        .items()
        .size();
  }

  private long start(String processId) {
    return client()
        .newCreateInstanceCommand()
        .bpmnProcessId(processId)
        .latestVersion()
        .variables(Map.of("release", "2026.12"))
        .send()
        .join()
        .getProcessInstanceKey();
  }

  @Test
  void endedInstancesAreRemovedAfterTheRetentionWhileRunningOnesStay() throws Exception {
    // given
    ENGINE.deploy(Bpmn.createExecutableProcess("done-at-once").startEvent().endEvent().done());
    ENGINE.deploy(
        Bpmn.createExecutableProcess("waits")
            .startEvent()
            .serviceTask("approve", t -> t.zeebeJobType("retention-approve"))
            .endEvent()
            .done());
    long completed = start("done-at-once");
    start("done-at-once");
    long cancelled = start("waits");
    client().newCancelInstanceCommand(cancelled).send().join();
    long running = start("waits");
    assertThat(instances("done-at-once")).hasSize(2);
    assertThat(variablesOf(completed)).isEqualTo(1);

    // when: not yet past the retention, then past it
    ENGINE.advanceClock(TTL.minusMinutes(5));
    Thread.sleep(300);
    assertThat(instances("done-at-once")).hasSize(2);
    ENGINE.advanceClock(Duration.ofMinutes(10));
    long endedLater = start("done-at-once");

    // then
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(instances("done-at-once"))
                    .extracting(ProcessInstance::getProcessInstanceKey)
                    .containsExactly(endedLater));
    assertThat(instances("waits"))
        .extracting(ProcessInstance::getProcessInstanceKey)
        .containsExactly(running);
    assertThat(variablesOf(completed)).isZero();
    assertThat(variablesOf(cancelled)).isZero();
    assertThat(variablesOf(running)).isEqualTo(1);
    assertThat(
            client()
                .newJobSearchRequest()
                .filter(f -> f.processInstanceKey(cancelled))
                .send()
                .join()
                .items())
        .isEmpty();

    // and after a restart (replay of the journal) it stays that way
    ENGINE.restart();
    assertThat(instances("done-at-once"))
        .extracting(ProcessInstance::getProcessInstanceKey)
        .containsExactly(endedLater);
    assertThat(instances("waits"))
        .extracting(ProcessInstance::getProcessInstanceKey)
        .containsExactly(running);
    assertThat(variablesOf(completed)).isZero();
  }
}
