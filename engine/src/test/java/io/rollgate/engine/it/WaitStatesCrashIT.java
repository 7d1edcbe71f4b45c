package io.rollgate.engine.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Instances waiting on a timer, a message and a user task survive SIGKILL and continue. */
class WaitStatesCrashIT {
  @TempDir Path data;
  @TempDir Path logs;

  @Test
  void waitingInstancesContinueAfterTheEngineProcessIsKilled() throws Exception {
    long onTimer;
    long onMessage;
    long onTask;
    EngineProcess engine = EngineProcess.start(data, logs.resolve("first.log"));
    try (CamundaClient client = engine.newClient()) {
      // given
      client
          .newDeployResourceCommand()
          .addProcessModel(
              Bpmn.createExecutableProcess("waits")
                  .startEvent()
                  .exclusiveGateway("kind")
                  .conditionExpression("kind = \"timer\"")
                  .intermediateCatchEvent("window", e -> e.timerWithDuration("PT2S"))
                  .endEvent("afterTimer")
                  .moveToLastExclusiveGateway()
                  .conditionExpression("kind = \"message\"")
                  .intermediateCatchEvent(
                      "cab",
                      e -> e.message(m -> m.name("cab").zeebeCorrelationKeyExpression("change")))
                  .endEvent("afterMessage")
                  .moveToLastExclusiveGateway()
                  .defaultFlow()
                  .userTask("decide", u -> u.zeebeUserTask())
                  .endEvent("afterTask")
                  .done(),
              "waits.bpmn")
          .send()
          .join();
      Processes processes = new Processes(client);
      onTimer = processes.start("waits", Map.of("kind", "timer"));
      onMessage = processes.start("waits", Map.of("kind", "message", "change", "CHG7"));
      onTask = processes.start("waits", Map.of("kind", "task"));
      assertThat(processes.activeElementIds(onTask)).containsExactly("decide");

      // when
      engine.kill();
    }

    // then
    try (EngineProcess restarted = EngineProcess.start(data, logs.resolve("second.log"));
        CamundaClient client = restarted.newClient()) {
      Processes processes = new Processes(client);
      client.newPublishMessageCommand().messageName("cab").correlationKey("CHG7").send().join();
      long taskKey =
          client
              .newUserTaskSearchRequest()
              .filter(f -> f.processInstanceKey(onTask))
              .send()
              .join()
              .items()
              .get(0)
              .getUserTaskKey();
      client.newCompleteUserTaskCommand(taskKey).send().join();
      for (long instance : new long[] {onTimer, onMessage, onTask}) {
        await()
            .atMost(Duration.ofSeconds(15))
            .untilAsserted(
                () ->
                    assertThat(processes.state(instance))
                        .isEqualTo(ProcessInstanceState.COMPLETED));
      }
      assertThat(processes.completedElementIds(onTimer)).contains("afterTimer");
      assertThat(processes.completedElementIds(onMessage)).contains("afterMessage");
      assertThat(processes.completedElementIds(onTask)).contains("afterTask");
    }
  }
}
