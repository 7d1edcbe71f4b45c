package io.rollgate.engine.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.search.enums.MessageSubscriptionState;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.rollgate.engine.testing.RollgateEngineTest;
import io.rollgate.engine.testing.TestEngine;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Messages: the CAB decision from ServiceNow reaching the release that waits for it. */
@RollgateEngineTest
class MessagesIT {
  static TestEngine ENGINE;

  private final CamundaClient client = ENGINE.client();
  private final Processes processes = new Processes(client);

  private void deployCabWait(String processId, String message) {
    ENGINE.deploy(
        Bpmn.createExecutableProcess(processId)
            .startEvent()
            .intermediateCatchEvent(
                "cabDecision",
                e -> e.message(m -> m.name(message).zeebeCorrelationKeyExpression("changeId")))
            .endEvent("decided")
            .done());
  }

  private void publish(String name, String key, Duration ttl, Map<String, Object> variables) {
    client
        .newPublishMessageCommand()
        .messageName(name)
        .correlationKey(key)
        .timeToLive(ttl)
        .variables(variables)
        .send()
        .join();
  }

  @Test
  void messageReachesOnlyTheInstanceWithItsCorrelationKey() {
    // given
    deployCabWait("cab-wait", "cab-decided");
    long first = processes.start("cab-wait", Map.of("changeId", "CHG001"));
    long second = processes.start("cab-wait", Map.of("changeId", "CHG002"));

    // when
    publish("cab-decided", "CHG002", Duration.ZERO, Map.of("approved", true));

    // then
    processes.awaitCompleted(second);
    assertThat(processes.rootVariables(second)).containsEntry("approved", "true");
    assertThat(processes.activeElementIds(first)).containsExactly("cabDecision");
    var subscriptions =
        client
            .newMessageSubscriptionSearchRequest()
            .filter(f -> f.processInstanceKey(first))
            .send()
            .join()
            .items();
    assertThat(subscriptions)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.getMessageName()).isEqualTo("cab-decided");
              assertThat(s.getCorrelationKey()).isEqualTo("CHG001");
              assertThat(s.getMessageSubscriptionState())
                  .isEqualTo(MessageSubscriptionState.CREATED);
            });
  }

  @Test
  void messagePublishedBeforeTheSubscriptionIsBufferedUntilItOpens() {
    // given
    deployCabWait("cab-early", "cab-early-decided");
    publish("cab-early-decided", "CHG100", Duration.ofMinutes(5), Map.of("approved", false));

    // when
    long instance = processes.start("cab-early", Map.of("changeId", "CHG100"));

    // then
    processes.awaitCompleted(instance);
    assertThat(processes.rootVariables(instance)).containsEntry("approved", "false");
    var correlated =
        client
            .newCorrelatedMessageSubscriptionSearchRequest()
            .filter(f -> f.processInstanceKey(instance))
            .send()
            .join()
            .items();
    assertThat(correlated)
        .singleElement()
        .satisfies(c -> assertThat(c.getElementId()).isEqualTo("cabDecision"));
  }

  @Test
  void bufferedMessageIsGoneAfterItsTimeToLive() {
    // given
    deployCabWait("cab-late", "cab-late-decided");
    publish("cab-late-decided", "CHG200", Duration.ofMinutes(1), Map.of());
    client
        .newPinClockCommand()
        .time(java.time.Instant.now().plus(Duration.ofMinutes(2)))
        .send()
        .join();
    try {
      // when
      long instance = processes.start("cab-late", Map.of("changeId", "CHG200"));

      // then
      assertThat(processes.activeElementIds(instance)).containsExactly("cabDecision");
    } finally {
      client.newResetClockCommand().send().join();
    }
  }

  @Test
  void duplicateMessageIdIsRejectedWhileTheFirstIsAlive() {
    // given
    client
        .newPublishMessageCommand()
        .messageName("dup")
        .correlationKey("k")
        .messageId("evt-1")
        .timeToLive(Duration.ofMinutes(5))
        .send()
        .join();

    // when / then
    assertThatThrownBy(
            () ->
                client
                    .newPublishMessageCommand()
                    .messageName("dup")
                    .correlationKey("k")
                    .messageId("evt-1")
                    .timeToLive(Duration.ofMinutes(5))
                    .send()
                    .join())
        .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.code()).isEqualTo(409));
  }

  @Test
  void receiveTaskWaitsForItsMessage() {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("receive")
            .startEvent()
            .receiveTask("awaitDeploy")
            .message(m -> m.name("deployed").zeebeCorrelationKeyExpression("release"))
            .endEvent()
            .done());
    long instance = processes.start("receive", Map.of("release", "R-5"));

    // when
    var correlated =
        client
            .newCorrelateMessageCommand()
            .messageName("deployed")
            .correlationKey("R-5")
            .variables(Map.of("sha", "abc"))
            .send()
            .join();

    // then
    assertThat(correlated.getProcessInstanceKey()).isEqualTo(instance);
    processes.awaitCompleted(instance);
    assertThat(processes.rootVariables(instance)).containsEntry("sha", "\"abc\"");
  }

  @Test
  void correlatingWithNobodyWaitingIsNotFound() {
    assertThatThrownBy(
            () ->
                client
                    .newCorrelateMessageCommand()
                    .messageName("nobody")
                    .correlationKey("x")
                    .send()
                    .join())
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.code()).isEqualTo(404);
              assertThat(e.details().getDetail()).contains("'nobody'");
            });
  }

  @Test
  void interruptingMessageBoundaryCancelsTheTaskAndItsJob() {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("abortable")
            .startEvent()
            .serviceTask("rollout", t -> t.zeebeJobType("abortable-rollout"))
            .boundaryEvent("abort")
            .message(m -> m.name("abort").zeebeCorrelationKeyExpression("release"))
            .endEvent("aborted")
            .moveToActivity("rollout")
            .endEvent("done")
            .done());
    long instance = processes.start("abortable", Map.of("release", "R-9"));

    // when
    publish("abort", "R-9", Duration.ZERO, Map.of("reason", "regression"));

    // then
    processes.awaitCompleted(instance);
    assertThat(processes.completedElementIds(instance))
        .contains("abort", "aborted")
        .doesNotContain("done");
    assertThat(processes.activate("abortable-rollout", 1)).isEmpty();
  }

  @Test
  void nonInterruptingMessageBoundaryFiresEachTimeWhileTheTaskGoesOn() {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("nudged")
            .startEvent()
            .serviceTask("approve", t -> t.zeebeJobType("nudged-approve"))
            .boundaryEvent("reminder")
            .cancelActivity(false)
            .message(m -> m.name("remind").zeebeCorrelationKeyExpression("release"))
            .endEvent("reminded")
            .moveToActivity("approve")
            .endEvent("approved")
            .done());
    long instance = processes.start("nudged", Map.of("release", "R-11"));

    // when
    publish("remind", "R-11", Duration.ZERO, Map.of());
    publish("remind", "R-11", Duration.ZERO, Map.of());

    // then
    assertThat(processes.completedElementIds(instance)).filteredOn("reminder"::equals).hasSize(2);
    assertThat(processes.activeElementIds(instance)).containsExactly("approve");
    processes.complete("nudged-approve", Map.of());
    processes.awaitCompleted(instance);
  }

  @Test
  void messageStartEventStartsOneInstancePerCorrelationKeyAtATime() {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("hotfix")
            .startEvent("requested")
            .message("hotfix-requested")
            .serviceTask("patch", t -> t.zeebeJobType("hotfix-patch"))
            .endEvent()
            .done());

    // when
    publish("hotfix-requested", "INC-1", Duration.ZERO, Map.of("severity", "P1"));
    publish("hotfix-requested", "INC-1", Duration.ZERO, Map.of("severity", "P1"));
    publish("hotfix-requested", "INC-2", Duration.ZERO, Map.of("severity", "P2"));

    // then
    var instances =
        client
            .newProcessInstanceSearchRequest()
            .filter(f -> f.processDefinitionId("hotfix"))
            .send()
            .join()
            .items();
    assertThat(instances).hasSize(2);
    assertThat(processes.rootVariables(instances.get(0).getProcessInstanceKey()))
        .containsEntry("severity", "\"P1\"");
    assertThatThrownBy(() -> processes.start("hotfix", Map.of()))
        .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.code()).isEqualTo(400));
  }

  @Test
  void subscriptionsAndBufferedMessagesSurviveARestart() {
    // given
    deployCabWait("cab-restart", "cab-restart-decided");
    long waiting = processes.start("cab-restart", Map.of("changeId", "CHG300"));
    publish("cab-restart-decided", "CHG301", Duration.ofMinutes(10), Map.of("approved", true));

    // when
    ENGINE.restart();
    CamundaClient restarted = ENGINE.client();
    Processes after = new Processes(restarted);
    restarted
        .newPublishMessageCommand()
        .messageName("cab-restart-decided")
        .correlationKey("CHG300")
        .timeToLive(Duration.ZERO)
        .send()
        .join();
    long late = after.start("cab-restart", Map.of("changeId", "CHG301"));

    // then
    after.awaitCompleted(waiting);
    after.awaitCompleted(late);
    assertThat(after.rootVariables(late)).containsEntry("approved", "true");
  }
}
