package io.rollgate.workers.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.camunda.client.api.search.response.UserTask;
import io.rollgate.connector.servicenow.model.ChangeRequest;
import io.rollgate.connector.servicenow.model.ChangeState;
import io.rollgate.workers.LifecycleOnEngine;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The go/no-go gate of the shipped release model on the embedded engine, with the lifecycle's
 * workers against the ServiceNow, LaunchDarkly and CI simulators: what a completion does to the
 * change in ServiceNow and to the deploy in CI.
 */
class GoNoGoGateIT extends LifecycleOnEngine {

  @Test
  void deniesEveryCompletionThatIsNotAValidDecisionAndKeepsTheReleaseBeforeCutover() {
    // given a release at go/no-go over a GO_WITH_RISK verdict
    long instance = startRiskyRelease("standard", true);
    UserTask task = openGoNoGo(instance);

    // when / then: nothing, a misspelled decision, the requester, GO over risk unjustified
    assertThatThrownBy(() -> complete(task, Map.of()))
        .hasMessageContaining("no decision: choose GO or NO_GO");
    assertThatThrownBy(() -> complete(task, Map.of("goDecision", "no-go", "decidedBy", "rita")))
        .hasMessageContaining("decision 'no-go' is not one of GO, NO_GO");
    assertThatThrownBy(
            () ->
                complete(
                    task,
                    Map.of(
                        "goDecision", "GO",
                        "justification", "my own release is fine",
                        "acceptedRisks", List.of("open P2"),
                        "decidedBy", "pat")))
        .hasMessageContaining("pat requested this release and cannot decide its go/no-go");
    assertThatThrownBy(() -> complete(task, Map.of("goDecision", "GO", "decidedBy", "rita")))
        .hasMessageContaining("a justification is required");
    assertThatThrownBy(
            () ->
                complete(
                    task,
                    Map.of("goDecision", "GO", "justification", "known P2", "decidedBy", "rita")))
        .hasMessageContaining("each risk accepted by name");
    assertThatThrownBy(
            () ->
                complete(
                    task,
                    Map.of(
                        "goDecision", "GO",
                        "justification", "known P2",
                        "acceptedRisks", List.of("open P2 incidents on the service"),
                        "decidedBy", "rita")))
        .hasMessageContaining("accepted risks need an expiry");
    assertThatThrownBy(
            () ->
                complete(
                    task,
                    Map.of(
                        "goDecision", "GO",
                        "justification", "known P2",
                        "acceptedRisks", List.of("open P2 incidents on the service"),
                        "risksAcceptedUntil", "2020-01-31",
                        "decidedBy", "rita")))
        .hasMessageContaining("the risk acceptance expired (2020-01-31)");

    // then the task is still open and nothing was cut over
    assertThat(openGoNoGo(instance).getUserTaskKey()).isEqualTo(task.getUserTaskKey());
    assertThat(visited(instance, "changeWindow")).isFalse();
    assertThat(change().state()).isNotIn(ChangeState.IMPLEMENT, ChangeState.CLOSED);
    assertThat(deployed()).isFalse();
  }

  @Test
  void theRequesterCannotApproveInTasklistEither() {
    // given the task claimed by the release's requester, as Tasklist completes it
    long instance = startRiskyRelease("standard", true);
    UserTask task = openGoNoGo(instance);
    client.newAssignUserTaskCommand(task.getUserTaskKey()).assignee("pat").send().join();

    // when
    assertThatThrownBy(
            () ->
                complete(
                    task,
                    Map.of(
                        "goDecision", "GO",
                        "justification", "fine by me",
                        "acceptedRisks", List.of("open P2"))))
        // then
        .hasMessageContaining("pat requested this release");
    assertThat(deployed()).isFalse();
  }

  @Test
  void aJustifiedGoOverAcceptedRisksReleasesAndClosesTheChangeSuccessful() {
    // given
    long instance = startRiskyRelease("standard", true);
    UserTask task = openGoNoGo(instance);

    // when
    complete(
        task,
        Map.of(
            "goDecision", "GO",
            "justification", "the P2 is known and unrelated",
            "acceptedRisks", List.of("open P2 incidents on the service"),
            "risksAcceptedUntil", "2999-12-31",
            "decidedBy", "rita"));

    // then
    ChangeRequest change = awaitChange(instance, ChangeState.CLOSED);
    assertThat(WORLD.servicenow.workNotes(change.number()))
        .anySatisfy(
            note ->
                assertThat(note)
                    .contains(
                        "Go/no-go: GO by rita (the P2 is known and unrelated). Risks accepted"
                            + " until 2999-12-31: open P2 incidents on the service."));
    assertThat(change.field("close_code").value()).isEqualTo("successful");
    assertThat(change.field("close_notes").value())
        .isEqualTo("Released to 100% by Rollgate release " + releaseId + ".");
    assertThat(deployed()).isTrue();
  }

  @Test
  void aNoGoCancelsTheChangeWithTheJustificationAndNeverDeploys() {
    // given
    long instance = startRiskyRelease("standard", true);
    UserTask task = openGoNoGo(instance);

    // when
    complete(
        task,
        Map.of(
            "goDecision",
            "NO_GO",
            "justification",
            "the P2 is not understood",
            "decidedBy",
            "rita"));

    // then
    awaitChange(instance, ChangeState.CANCELED);
    assertThat(change().field("close_notes").value())
        .isEqualTo("Stopped at go/no-go: the P2 is not understood");
    assertThat(WORLD.servicenow.workNotes(change().number()))
        .contains("Stopped at go/no-go: the P2 is not understood");
    awaitVisited(instance, "stoppedByManager");
    assertThat(deployed()).isFalse();
  }

  @Test
  void anEmergencyChangeGoesOnlyWithTwoDistinctApprovers() {
    // given an emergency release the CAB approved in ServiceNow
    long instance = startRiskyRelease("emergency", false);
    awaitApprovalRequested();
    WORLD.servicenow.approve(change().number(), "expedited");
    Map<String, Object> go = Map.of("goDecision", "GO", "justification", "hotfix for P1");

    // when the first approver says GO
    UserTask first = openGoNoGo(instance);
    complete(first, withApprover(go, "rita"));

    // then a second approval is asked for, and the first approver cannot give it
    UserTask second =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> openGoNoGo(instance), t -> t.getUserTaskKey() != first.getUserTaskKey());
    assertThatThrownBy(() -> complete(second, withApprover(go, "rita")))
        .hasMessageContaining("rita already approved this release");
    assertThat(deployed()).isFalse();

    // when a second release manager approves
    complete(second, withApprover(go, "sam"));

    // then it deploys and rolls out to the end, its change closed successful
    await().atMost(Duration.ofSeconds(60)).until(this::deployed);
    ChangeRequest change = awaitChange(instance, ChangeState.CLOSED);
    assertThat(change.field("close_code").value()).isEqualTo("successful");
  }

  private static Map<String, Object> withApprover(Map<String, Object> decision, String who) {
    Map<String, Object> v = new HashMap<>(decision);
    v.put("decidedBy", who);
    return v;
  }
}
