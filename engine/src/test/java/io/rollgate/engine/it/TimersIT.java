package io.rollgate.engine.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ProblemException;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Timers: change windows, escalation deadlines and reminders, on the engine clock. */
class TimersIT {
  @RegisterExtension static final EngineExtension ENGINE = new EngineExtension();

  private final CamundaClient client = ENGINE.client();
  private final Processes processes = new Processes(client);

  private void advance(Duration by) throws Exception {
    ENGINE.advanceClock(by);
  }

  @AfterEach
  void resetClock() {
    ENGINE.client().newResetClockCommand().send().join();
  }

  @Test
  void intermediateTimerWaitsForItsDurationOnTheEngineClock() throws Exception {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("window")
            .startEvent()
            .intermediateCatchEvent("windowOpens")
            .timerWithDurationExpression("wait")
            .endEvent()
            .done());
    long instance = processes.start("window", Map.of("wait", "PT1H"));
    assertThat(processes.activeElementIds(instance)).containsExactly("windowOpens");

    // when
    advance(Duration.ofMinutes(61));

    // then
    processes.awaitCompleted(instance);
  }

  @Test
  void interruptingTimerBoundaryEscalatesAndCancelsTheTask() throws Exception {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("deadline")
            .startEvent()
            .serviceTask("approve", t -> t.zeebeJobType("deadline-approve"))
            .boundaryEvent("tooLate")
            .timerWithDuration("PT30M")
            .endEvent("escalated")
            .moveToActivity("approve")
            .endEvent("approved")
            .done());
    long instance = processes.start("deadline", Map.of());

    // when
    advance(Duration.ofMinutes(31));

    // then
    processes.awaitCompleted(instance);
    assertThat(processes.completedElementIds(instance))
        .contains("tooLate", "escalated")
        .doesNotContain("approved");
    assertThat(processes.activate("deadline-approve", 1)).isEmpty();
  }

  @Test
  void nonInterruptingCycleRemindsAsOftenAsItSaysWhileTheTaskGoesOn() throws Exception {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("remind")
            .startEvent()
            .serviceTask("approve", t -> t.zeebeJobType("remind-approve"))
            .boundaryEvent("reminder")
            .cancelActivity(false)
            .timerWithCycle("R2/PT10M")
            .endEvent("reminded")
            .moveToActivity("approve")
            .endEvent("approved")
            .done());
    long instance = processes.start("remind", Map.of());

    // when
    for (int i = 0; i < 3; i++) {
      advance(Duration.ofMinutes(11));
      Thread.sleep(300);
    }

    // then
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(processes.completedElementIds(instance))
                    .filteredOn("reminder"::equals)
                    .hasSize(2));
    assertThat(processes.activeElementIds(instance)).containsExactly("approve");
  }

  @Test
  void timerStartEventStartsInstancesAndARedeploymentReplacesItsSchedule() throws Exception {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("nightly")
            .startEvent("every")
            .timerWithCycle("R/PT1H")
            .endEvent("v1")
            .done());

    // when
    advance(Duration.ofMinutes(61));

    // then
    await().atMost(Duration.ofSeconds(5)).until(() -> count("nightly") == 1);

    // when
    ENGINE.deploy(
        Bpmn.createExecutableProcess("nightly")
            .startEvent("every")
            .timerWithCycle("R/PT1H")
            .endEvent("v2")
            .done());
    advance(Duration.ofMinutes(61));

    // then: one more, from the new version only
    await().atMost(Duration.ofSeconds(5)).until(() -> count("nightly") == 2);
    Thread.sleep(500);
    assertThat(count("nightly")).isEqualTo(2);
    var newest =
        client
            .newProcessInstanceSearchRequest()
            .filter(f -> f.processDefinitionId("nightly"))
            .sort(s -> s.processInstanceKey().desc())
            .send()
            .join()
            .items()
            .get(0);
    assertThat(newest.getProcessDefinitionVersion()).isEqualTo(2);
  }

  @Test
  void aTimerDueWhileTheEngineWasDownFiresAfterTheRestart() throws Exception {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("downtime")
            .startEvent()
            .intermediateCatchEvent("pause")
            .timerWithDuration("PT1S")
            .endEvent()
            .done());
    long instance = processes.start("downtime", Map.of());

    // when: the engine is down while the timer comes due
    ENGINE.restart(Duration.ofMillis(1_500));

    // then
    new Processes(ENGINE.client()).awaitCompleted(instance);
  }

  @Test
  void invalidTimerIsRejectedAtDeployTime() {
    assertThatThrownBy(
            () ->
                ENGINE.deploy(
                    Bpmn.createExecutableProcess("badtimer")
                        .startEvent()
                        .intermediateCatchEvent("wait")
                        .timerWithDuration("one hour")
                        .endEvent()
                        .done()))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.code()).isEqualTo(400);
              assertThat(e.details().getDetail()).contains("'wait'").contains("ISO-8601 duration");
            });
  }

  private long count(String processId) {
    return client
        .newProcessInstanceSearchRequest()
        .filter(f -> f.processDefinitionId(processId))
        .send()
        .join()
        .page()
        .totalItems();
  }

  private void deployCabOrTimeout() {
    ENGINE.deploy(
        Bpmn.createExecutableProcess("cab-or-timeout")
            .startEvent()
            .eventBasedGateway("firstOf")
            .intermediateCatchEvent(
                "decision",
                e ->
                    e.message(m -> m.name("cab-verdict").zeebeCorrelationKeyExpression("changeId")))
            .endEvent("decided")
            .moveToLastGateway()
            .intermediateCatchEvent("timeout", e -> e.timerWithDuration("P2D"))
            .endEvent("timedOut")
            .done());
  }

  @Test
  void eventBasedGatewayFollowsTheMessageWhenItComesFirst() throws Exception {
    // given
    deployCabOrTimeout();
    long instance = processes.start("cab-or-timeout", Map.of("changeId", "CHG900"));

    // when
    client
        .newPublishMessageCommand()
        .messageName("cab-verdict")
        .correlationKey("CHG900")
        .variables(Map.of("verdict", "approved"))
        .send()
        .join();

    // then
    processes.awaitCompleted(instance);
    assertThat(processes.completedElementIds(instance))
        .contains("firstOf", "decision", "decided")
        .doesNotContain("timeout");
    assertThat(processes.rootVariables(instance)).containsEntry("verdict", "\"approved\"");
  }

  @Test
  void eventBasedGatewayFollowsTheTimerWhenTheMessageIsLate() throws Exception {
    // given
    deployCabOrTimeout();
    long instance = processes.start("cab-or-timeout", Map.of("changeId", "CHG901"));

    // when
    advance(Duration.ofDays(2).plusMinutes(1));
    processes.awaitCompleted(instance);
    client
        .newPublishMessageCommand()
        .messageName("cab-verdict")
        .correlationKey("CHG901")
        .send()
        .join();

    // then
    assertThat(processes.completedElementIds(instance))
        .contains("timeout", "timedOut")
        .doesNotContain("decision");
    assertThat(
            client
                .newMessageSubscriptionSearchRequest()
                .filter(f -> f.processInstanceKey(instance))
                .send()
                .join()
                .items())
        .allSatisfy(
            sub -> assertThat(sub.getMessageSubscriptionState().name()).isEqualTo("DELETED"));
  }

  @Test
  void nonInterruptingTimerOnAUserTaskFiresTwiceWhileTheTaskWaits() throws Exception {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("nag")
            .startEvent()
            .userTask("decide", u -> u.zeebeUserTask())
            .boundaryEvent("nudge")
            .cancelActivity(false)
            .timerWithCycle("R/PT1H")
            .endEvent("nudged")
            .moveToActivity("decide")
            .endEvent("decided")
            .done());
    long instance = processes.start("nag", Map.of());

    // when
    advance(Duration.ofMinutes(61));
    await().atMost(Duration.ofSeconds(5)).until(() -> nudges(instance) == 1);
    advance(Duration.ofMinutes(61));

    // then
    await().atMost(Duration.ofSeconds(5)).until(() -> nudges(instance) == 2);
    assertThat(processes.activeElementIds(instance)).containsExactly("decide");
    long task =
        client
            .newUserTaskSearchRequest()
            .filter(f -> f.processInstanceKey(instance))
            .send()
            .join()
            .items()
            .get(0)
            .getUserTaskKey();
    client.newCompleteUserTaskCommand(task).send().join();
    processes.awaitCompleted(instance);
  }

  private long nudges(long instance) {
    return processes.completedElementIds(instance).stream().filter("nudge"::equals).count();
  }
}
