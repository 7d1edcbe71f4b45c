package io.rollgate.engine.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.rollgate.engine.testing.RollgateEngineTest;
import io.rollgate.engine.testing.TestEngine;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Event sub-processes: the one rollback path, status requests and cutover deadlines. */
@RollgateEngineTest(resetClockBetweenTests = true)
class EventSubProcessIT {
  static TestEngine ENGINE;

  private final CamundaClient client = ENGINE.client();
  private final Processes processes = new Processes(client);

  private void advance(Duration by) throws Exception {
    ENGINE.advanceClock(by);
  }

  @Test
  void errorEventSubProcessCatchesAnErrorThrownDeepInTheProcess() {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("with-rollback")
            .eventSubProcess(
                "rollback",
                e ->
                    e.startEvent("onFailure")
                        .error("CUTOVER_FAILED")
                        .serviceTask("undo", t -> t.zeebeJobType("rb-undo"))
                        .endEvent("rolledBack"))
            .startEvent()
            .subProcess(
                "cutover",
                s ->
                    s.embeddedSubProcess()
                        .startEvent()
                        .serviceTask("step", t -> t.zeebeJobType("rb-step"))
                        .endEvent())
            .endEvent("released")
            .done());
    long instance = processes.start("with-rollback", Map.of());

    // when
    client
        .newThrowErrorCommand(processes.activateOne("rb-step"))
        .errorCode("CUTOVER_FAILED")
        .variables(Map.of("failedStep", "db-migration"))
        .send()
        .join();
    processes.complete("rb-undo", Map.of());

    // then
    processes.awaitCompleted(instance);
    assertThat(processes.completedElementIds(instance))
        .contains("onFailure", "undo", "rolledBack")
        .doesNotContain("released");
    assertThat(processes.rootVariables(instance)).containsEntry("failedStep", "\"db-migration\"");
  }

  @Test
  void nonInterruptingMessageEventSubProcessAnswersEachRequestWhileTheReleaseGoesOn() {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("with-status")
            .eventSubProcess(
                "status",
                e ->
                    e.startEvent("asked")
                        .interrupting(false)
                        .message(
                            m -> m.name("status-request").zeebeCorrelationKeyExpression("release"))
                        .endEvent("answered"))
            .startEvent()
            .serviceTask("work", t -> t.zeebeJobType("status-work"))
            .endEvent("done")
            .done());
    long instance = processes.start("with-status", Map.of("release", "R-77"));

    // when
    for (int i = 0; i < 2; i++) {
      client
          .newPublishMessageCommand()
          .messageName("status-request")
          .correlationKey("R-77")
          .send()
          .join();
    }

    // then
    assertThat(processes.completedElementIds(instance)).filteredOn("answered"::equals).hasSize(2);
    assertThat(processes.activeElementIds(instance)).containsExactly("work");
    processes.complete("status-work", Map.of());
    processes.awaitCompleted(instance);
  }

  @Test
  void interruptingTimerEventSubProcessEndsASubProcessThatRunsTooLong() throws Exception {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("with-deadline")
            .startEvent()
            .subProcess(
                "cutover",
                s ->
                    s.embeddedSubProcess()
                        .eventSubProcess(
                            "deadline",
                            e ->
                                e.startEvent("tooLong")
                                    .timerWithDuration("PT2H")
                                    .endEvent("abandoned"))
                        .startEvent()
                        .serviceTask("step", t -> t.zeebeJobType("deadline-step"))
                        .endEvent())
            .endEvent("after")
            .done());
    long instance = processes.start("with-deadline", Map.of());

    // when
    advance(Duration.ofHours(3));

    // then
    processes.awaitCompleted(instance);
    assertThat(processes.completedElementIds(instance))
        .contains("tooLong", "abandoned", "cutover", "after");
    assertThat(processes.activate("deadline-step", 1)).isEmpty();
  }
}
