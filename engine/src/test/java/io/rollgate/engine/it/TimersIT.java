package io.rollgate.engine.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ProblemException;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.rollgate.engine.testing.RollgateEngineTest;
import io.rollgate.engine.testing.TestEngine;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Timers: change windows, escalation deadlines and reminders, on the engine clock. */
@RollgateEngineTest(resetClockBetweenTests = true)
class TimersIT {
  static TestEngine ENGINE;

  private final CamundaClient client = ENGINE.client();
  private final Processes processes = new Processes(client);

  private void advance(Duration by) throws Exception {
    ENGINE.advanceClock(by);
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
  void cronTimerStartEventStartsAnInstanceAtEachMatchingTime() throws Exception {
    // given: Friday 2030-03-15 at noon, and a weekday-morning schedule
    client
        .newPinClockCommand()
        .time(java.time.Instant.parse("2030-03-15T12:00:00Z").toEpochMilli())
        .send()
        .join();
    ENGINE.deploy(
        Bpmn.createExecutableProcess("morning-report")
            .startEvent("weekdayMorning")
            .timerWithCycle("0 0 9 * * MON-FRI")
            .endEvent()
            .done());

    // when the weekend passes
    advance(Duration.ofHours(68));

    // then nothing has started yet
    Thread.sleep(300);
    assertThat(count("morning-report")).isZero();

    // when Monday 09:00 passes, then Tuesday 09:00
    advance(Duration.ofHours(2));
    await().atMost(Duration.ofSeconds(5)).until(() -> count("morning-report") == 1);
    advance(Duration.ofHours(24));

    // then one instance per matching time
    await().atMost(Duration.ofSeconds(5)).until(() -> count("morning-report") == 2);
    var started =
        client
            .newProcessInstanceSearchRequest()
            .filter(f -> f.processDefinitionId("morning-report"))
            .send()
            .join()
            .items();
    // each is stamped with the engine time the clock was moved to, past the due time
    assertThat(started)
        .extracting(i -> i.getStartDate().toInstant().toString())
        .containsExactlyInAnyOrder("2030-03-18T10:00:00Z", "2030-03-19T10:00:00Z");
  }

  @Test
  void nonInterruptingCronBoundaryRemindsAtEachMatchingTime() throws Exception {
    // given
    client
        .newPinClockCommand()
        .time(java.time.Instant.parse("2030-03-15T12:10:00Z").toEpochMilli())
        .send()
        .join();
    ENGINE.deploy(
        Bpmn.createExecutableProcess("hourly-nudge")
            .startEvent()
            .serviceTask("approve", t -> t.zeebeJobType("nudge-approve"))
            .boundaryEvent("nudge")
            .cancelActivity(false)
            .timerWithCycleExpression("nudgeSchedule")
            .endEvent("nudged")
            .moveToActivity("approve")
            .endEvent("approved")
            .done());
    long instance = processes.start("hourly-nudge", Map.of("nudgeSchedule", "0 0 * * * *"));

    // when 13:00 and 14:00 pass
    advance(Duration.ofMinutes(55));
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> assertThat(processes.completedElementIds(instance)).contains("nudged"));
    advance(Duration.ofMinutes(60));

    // then two reminders, and the task still waits
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(processes.completedElementIds(instance))
                    .filteredOn("nudge"::equals)
                    .hasSize(2));
    assertThat(processes.activeElementIds(instance)).containsExactly("approve");
    processes.complete("nudge-approve", Map.of("approvedBy", "ops"));
    processes.awaitCompleted(instance);
    assertThat(processes.rootVariables(instance)).containsEntry("approvedBy", "\"ops\"");
  }

  @Test
  void anInvalidCronCycleIsRejectedNamingTheEvent() {
    // given
    var model =
        Bpmn.createExecutableProcess("bad-cron")
            .startEvent("every")
            .timerWithCycle("0 0 25 * * *")
            .endEvent()
            .done();

    // when / then
    assertThatThrownBy(() -> ENGINE.deploy(model))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.code()).isEqualTo(400);
              assertThat(e.details().getDetail())
                  .contains("'every' (startEvent)")
                  .contains("invalid hour '25'");
            });
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
