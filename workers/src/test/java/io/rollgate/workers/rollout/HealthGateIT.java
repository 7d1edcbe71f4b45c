package io.rollgate.workers.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.api.search.response.UserTask;
import io.rollgate.connector.servicenow.model.ChangeRequest;
import io.rollgate.connector.servicenow.model.ChangeState;
import io.rollgate.processes.Lifecycle;
import io.rollgate.processes.Lifecycle.Variables;
import io.rollgate.sandbox.ci.Behaviour;
import io.rollgate.workers.LifecycleOnEngine;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A release whose wave health cannot be decided, end to end on the engine and simulators. */
class HealthGateIT extends LifecycleOnEngine {

  @Test
  void anInconclusiveHealthCheckHoldsTheRolloutAtItsWaveForAPersonWhoMayRollBack() {
    // given a service whose metrics endpoint has no data, rolled out in two waves
    long instance = startInTwoWavesWithoutMetricsData();

    // when the first wave's health is checked
    UserTask decision = awaitTask(instance, Lifecycle.UserTasks.DECIDE_ROLLOUT);

    // then a release manager is asked, with the evidence; the flag serves the first wave only,
    // and the change stays open
    assertThat(decision.getCandidateGroups()).containsExactly(Lifecycle.UserTasks.RELEASE_MANAGERS);
    assertThat(variable(instance, Variables.HEALTH_EVIDENCE))
        .contains("no data for http_error_ratio");
    assertThat(flag().rolloutWeightsById()).containsEntry(service + "-flag-true", 10_000);
    assertThat(change().state()).isEqualTo(ChangeState.IMPLEMENT);

    // when the person rolls back
    complete(
        decision,
        Map.of(
            Variables.ROLLOUT_DECISION,
            "ROLL_BACK",
            Variables.JUSTIFICATION,
            "no metrics to judge the wave by",
            Variables.DECIDED_BY,
            "rita"));

    // then the flag serves no one and the change is closed unsuccessful
    ChangeRequest change = awaitChange(instance, ChangeState.CLOSED);
    assertThat(change.field("close_code").value()).isEqualTo("unsuccessful");
    assertThat(flag().rolloutWeightsById()).containsEntry(service + "-flag-true", 0);
  }

  @Test
  void theRequesterCannotDecideAHeldWaveNorCanAnyoneWithoutAKnownDecision() {
    // given a release of pat's held at its first wave for a person
    long instance = startInTwoWavesWithoutMetricsData();
    UserTask decision = awaitTask(instance, Lifecycle.UserTasks.DECIDE_ROLLOUT);

    // when / then: the requester, as signed in and as Tasklist's assignee, and a misspelled
    // decision
    assertThatThrownBy(
            () ->
                complete(
                    decision,
                    Map.of(
                        Variables.ROLLOUT_DECISION, "CONTINUE",
                        Variables.JUSTIFICATION, "my metrics look fine to me",
                        Variables.DECIDED_BY, "pat")))
        .hasMessageContaining("pat requested this release and cannot decide how the rollout");
    assertThatThrownBy(
            () ->
                complete(
                    decision,
                    Map.of(
                        Variables.ROLLOUT_DECISION, "continue",
                        Variables.JUSTIFICATION, "metrics look fine",
                        Variables.DECIDED_BY, "rita")))
        .hasMessageContaining("decision 'continue' is not one of CONTINUE, HOLD, ROLL_BACK");
    client.newAssignUserTaskCommand(decision.getUserTaskKey()).assignee("pat").send().join();
    assertThatThrownBy(
            () ->
                complete(
                    decision,
                    Map.of(
                        Variables.ROLLOUT_DECISION, "CONTINUE",
                        Variables.JUSTIFICATION, "my metrics look fine to me")))
        .hasMessageContaining("pat requested this release");

    // then the task is still open, the flag still serves the first wave and the change is open
    assertThat(awaitTask(instance, Lifecycle.UserTasks.DECIDE_ROLLOUT).getUserTaskKey())
        .isEqualTo(decision.getUserTaskKey());
    assertThat(flag().rolloutWeightsById()).containsEntry(service + "-flag-true", 10_000);
    assertThat(change().state()).isEqualTo(ChangeState.IMPLEMENT);
    assertThat(visited(instance, "recordHealth")).isFalse();

    // when another release manager decides
    client.newUnassignUserTaskCommand(decision.getUserTaskKey()).send().join();
    complete(
        decision,
        Map.of(
            Variables.ROLLOUT_DECISION, "ROLL_BACK",
            Variables.JUSTIFICATION, "no metrics to judge the wave by",
            Variables.DECIDED_BY, "rita"));

    // then the decision goes through: the flag serves no one, the change is closed unsuccessful
    awaitChange(instance, ChangeState.CLOSED);
    assertThat(flag().rolloutWeightsById()).containsEntry(service + "-flag-true", 0);
  }

  private String variable(long instance, String name) {
    return client
        .newVariableSearchRequest()
        .filter(f -> f.processInstanceKey(instance).name(name))
        .send()
        .join()
        .items()
        .stream()
        .map(v -> v.getValue())
        .findFirst()
        .orElse("");
  }

  /** A release of the service whose metrics endpoint has no data, rolled out in two waves. */
  private long startInTwoWavesWithoutMetricsData() {
    service = World.SERVICE_WITHOUT_METRICS_DATA;
    return startRelease(
        "standard",
        false,
        Behaviour.succeedsAfter(Duration.ZERO),
        Map.of(Variables.WAVES, List.of(10, 100)));
  }
}
