package io.rollgate.workers.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.api.search.response.UserTask;
import io.rollgate.connector.servicenow.model.ChangeRequest;
import io.rollgate.connector.servicenow.model.ChangeState;
import io.rollgate.processes.Lifecycle;
import io.rollgate.processes.Lifecycle.Variables;
import io.rollgate.workers.LifecycleOnEngine;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A release whose LaunchDarkly environment requires approval for flag changes: an approval not
 * given in time goes to a person, a declined one rolls the release back, and a rollback
 * LaunchDarkly does not approve is done by a person. The shipped model, the workers and the
 * simulators.
 */
class FlagApprovalIT extends LifecycleOnEngine {

  private String environment;

  @BeforeEach
  void environmentRequiresApprovals() {
    environment = WORLD.environments.get(0).key();
    WORLD.launchDarkly.requireApprovals("rollgate", environment, true);
  }

  @AfterEach
  void environmentNoLongerRequiresApprovals() {
    WORLD.launchDarkly.requireApprovals("rollgate", environment, false);
  }

  @Test
  void aWaveNotApprovedInTimeAsksAPersonWhoAsksAgainOnceItIsApproved() {
    // given a release whose first wave's flag change nobody approves in time
    long instance = startRiskyRelease("standard", false);
    String request = awaitApproval(1);

    // when the wait ends
    UserTask decision = awaitTask(instance, Lifecycle.UserTasks.DECIDE_FLAG_CHANGE);

    // then a release manager is asked, naming the request; the flag and the change are as they were
    assertThat(decision.getCandidateGroups()).containsExactly(Lifecycle.UserTasks.RELEASE_MANAGERS);
    assertThat(variable(decision, Variables.HEALTH_EVIDENCE)).contains(request);
    assertThat(flag().on()).isFalse();
    assertThat(flag().rolloutWeightsById()).isEmpty();
    assertThat(change().state()).isEqualTo(ChangeState.IMPLEMENT);

    // when the request is approved in LaunchDarkly and the person asks again
    WORLD.launchDarkly.reviewApproval(request, "approve");
    complete(
        decision,
        Map.of(
            Variables.ROLLOUT_DECISION,
            "CONTINUE",
            Variables.JUSTIFICATION,
            "approved in LaunchDarkly by the on-call lead",
            Variables.DECIDED_BY,
            "rita"));

    // then the approved request, rollout and targeting on together, serves the wave: reviewers
    // were asked once, and the release completes
    awaitChange(instance, ChangeState.CLOSED);
    assertThat(change().field("close_code").value()).isEqualTo("successful");
    assertThat(flag().on()).isTrue();
    assertThat(flag().rolloutWeightsById()).containsEntry(service + "-flag-true", 100_000);
    assertThat(approvals()).containsExactly(request);
  }

  @Test
  void aDeclinedWaveRollsBackAndARollbackDeclinedTooIsDoneByAPerson() {
    // given a release whose first wave's flag change is declined
    long instance = startRiskyRelease("standard", false);
    WORLD.launchDarkly.reviewApproval(awaitApproval(1), "decline");

    // when the rollback to 0% is declined as well
    WORLD.launchDarkly.reviewApproval(awaitApproval(2), "decline");

    // then a person is asked to turn the flag back by hand, and the change stays open meanwhile
    UserTask byHand = awaitTask(instance, Lifecycle.UserTasks.TURN_FLAG_OFF);
    assertThat(byHand.getCandidateGroups()).containsExactly(Lifecycle.UserTasks.RELEASE_MANAGERS);
    assertThat(change().state()).isEqualTo(ChangeState.IMPLEMENT);
    assertThat(flag().on()).isFalse();
    assertThat(WORLD.launchDarkly.flagVersion("rollgate", service + "-flag", environment))
        .isEqualTo(1);

    // when the person reports it done
    complete(
        byHand,
        Map.of(Variables.STEP_OUTCOME, "DONE", Variables.STEP_NOTES, "flag off in LaunchDarkly"));

    // then the release is rolled back and its change closed unsuccessful
    ChangeRequest change = awaitChange(instance, ChangeState.CLOSED);
    assertThat(change.field("close_code").value()).isEqualTo("unsuccessful");
    awaitVisited(instance, "rolledBack");
  }

  /** The {@code n}th approval request for this release's flag, once there is one. */
  private String awaitApproval(int n) {
    return await()
        .atMost(Duration.ofSeconds(90))
        .until(this::approvals, requests -> requests.size() >= n)
        .get(n - 1);
  }

  /** The approval requests for this release's flag, oldest first. */
  private List<String> approvals() {
    return WORLD.launchDarkly.approvalRequestIds(service + "-flag");
  }

  private String variable(UserTask task, String name) {
    return client
        .newVariableSearchRequest()
        .filter(f -> f.scopeKey(task.getElementInstanceKey()).name(name))
        .send()
        .join()
        .items()
        .stream()
        .map(v -> v.getValue())
        .findFirst()
        .orElse("");
  }
}
