package io.rollgate.workers.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.api.search.response.UserTask;
import io.rollgate.connector.servicenow.model.ChangeRequest;
import io.rollgate.connector.servicenow.model.ChangeState;
import io.rollgate.processes.Lifecycle;
import io.rollgate.processes.Lifecycle.Variables;
import io.rollgate.sandbox.Faults;
import io.rollgate.sandbox.ci.Behaviour;
import io.rollgate.workers.LifecycleOnEngine;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every way a release ends leaves its ServiceNow change closed or canceled with the right state,
 * close code and notes: the shipped model with the workers against the simulators.
 */
class ChangeEndingsIT extends LifecycleOnEngine {

  @Test
  void aCabRejectionCancelsTheChangeWithTheCabsReason() {
    // given a normal change waiting for the CAB
    long instance = startRiskyRelease("normal", false);
    awaitApprovalRequested();

    // when the CAB rejects it in ServiceNow
    WORLD.servicenow.reject(change().number(), "Clashes with the payments freeze");

    // then
    ChangeRequest change = awaitChange(instance, ChangeState.CANCELED);
    assertThat(change.field("close_notes").value())
        .isEqualTo("Rejected by the CAB: Clashes with the payments freeze");
    awaitVisited(instance, "changeRejected");
    assertThat(deployed()).isFalse();
  }

  @Test
  void aConflictingChangeInTheCalendarCancelsTheSecondReleasesChangeNamingTheFirst() {
    // given a first release of the service waiting for its CAB
    startRiskyRelease("normal", false);
    awaitApprovalRequested();
    String first = change().number();

    // when a second release of the same service asks for a change
    releaseId = releaseId + "-B";
    version = version + "-b";
    long second = startRiskyRelease("normal", false);

    // then
    ChangeRequest change = awaitChange(second, ChangeState.CANCELED);
    assertThat(change.field("close_notes").value())
        .isEqualTo("Conflicts with " + first + " in the change calendar");
    awaitVisited(second, "conflicting");
    assertThat(visited(second, "cabApproval")).isFalse();
  }

  @Test
  void aCabDeadlineCancelsTheChangeAsUndecidedNotRejected() {
    // given a CAB that never decides within the deadline
    long instance =
        startRelease(
            "normal",
            false,
            Behaviour.succeedsAfter(Duration.ZERO),
            Map.of(Variables.APPROVAL_DEADLINE, "PT3S"));

    // then
    ChangeRequest change = awaitChange(instance, ChangeState.CANCELED);
    assertThat(change.field("close_notes").value())
        .startsWith("No CAB decision by 20")
        .doesNotContain("Rejected");
    awaitVisited(instance, "cabDeadlinePassed");
    assertThat(visited(instance, "changeRejected")).isFalse();
    assertThat(deployed()).isFalse();
  }

  @Test
  void anAbortBeforeTheCabDecidesCancelsTheChangeWithWhoAndWhyAndDeploysNothing() {
    // given a normal change waiting for the CAB
    long instance = startRiskyRelease("normal", false);
    awaitApprovalRequested();

    // when a release manager aborts the release
    abort("rita", "the payments team asked for a later date");

    // then
    ChangeRequest change = awaitChange(instance, ChangeState.CANCELED);
    assertThat(change.field("close_notes").value())
        .isEqualTo("Release aborted by rita: the payments team asked for a later date.");
    assertThat(WORLD.servicenow.workNotes(change.number()))
        .contains("Release aborted by rita: the payments team asked for a later date.");
    awaitVisited(instance, "aborted");
    assertThat(visited(instance, "recordAbort")).isTrue();
    assertThat(visited(instance, "rollbackAbortedFlag")).isFalse();
    assertThat(deployed()).isFalse();
  }

  @Test
  void anAbortWhileTheChangeIsBeingOpenedCancelsTheChangeInsteadOfLeavingItNew() {
    // given ServiceNow answers the change's creation only after a while (the change exists at once)
    WORLD.servicenow.slowCreates(Duration.ofSeconds(10), 1);
    long instance = startRiskyRelease("standard", false);
    await()
        .atMost(Duration.ofSeconds(90))
        .until(
            () -> WORLD.connections.servicenow().findChangeByCorrelationId(releaseId).isPresent());

    // when the release is aborted before the answer came
    abort("pat", "wrong version");

    // then the change, the only one the release opened, is canceled
    ChangeRequest change = awaitChange(instance, ChangeState.CANCELED);
    assertThat(change.field("close_notes").value())
        .isEqualTo("Release aborted by pat: wrong version.");
    awaitVisited(instance, "aborted");
    assertThat(visited(instance, "checkConflicts")).isFalse();
    assertThat(WORLD.servicenow.changesWithCorrelationId(releaseId)).isEqualTo(1);
    assertThat(deployed()).isFalse();
  }

  @Test
  void anAbortWhileTheCreateRequestIsOnItsWayCancelsTheChangeOnceItLands() {
    // given ServiceNow answers every request only after a while
    WORLD.servicenow.server().faults().set(new Faults.Spec(3_000L, null, null, null, null));
    try {
      long instance = startRiskyRelease("standard", false);
      awaitCreateTaken(instance);

      // when the release is aborted before the creation has reached ServiceNow
      abort("pat", "wrong version");

      // then the change, once it lands, is canceled, and it is the only one the release opened
      ChangeRequest change = awaitChange(instance, ChangeState.CANCELED);
      assertThat(change.field("close_notes").value())
          .isEqualTo("Release aborted by pat: wrong version.");
      awaitVisited(instance, "aborted");
      assertThat(WORLD.servicenow.changesWithCorrelationId(releaseId)).isEqualTo(1);
      assertThat(visited(instance, "checkConflicts")).isFalse();
      assertThat(deployed()).isFalse();
    } finally {
      WORLD.servicenow.server().faults().clear();
    }
  }

  /** Waits until a worker holds the release's create-change job: its requests are under way. */
  private void awaitCreateTaken(long instance) {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                client
                    .newJobSearchRequest()
                    .filter(
                        f ->
                            f.processInstanceKey(instance)
                                .type(Lifecycle.Jobs.SERVICENOW_CREATE_CHANGE))
                    .send()
                    .join()
                    .items()
                    .stream()
                    .anyMatch(job -> job.getWorker() != null));
  }

  @Test
  void aFailedDeployRollsBackAndClosesTheChangeUnsuccessful() {
    // given a ready standard change whose deploy fails
    long instance = startRelease("standard", false, Behaviour.failsAfter(Duration.ZERO), Map.of());

    // then
    ChangeRequest change = awaitChange(instance, ChangeState.CLOSED);
    assertThat(change.field("close_code").value()).isEqualTo("unsuccessful");
    assertThat(change.field("close_notes").value())
        .isEqualTo(
            "Cutover failed; Rollgate release "
                + releaseId
                + " rolled back the steps that ran, last first. The flag was not changed.");
    awaitVisited(instance, "rolledBack");
  }

  @Test
  void aRollbackEndsWithAFollowUpNotedOnTheChangeAndAReviewForAReleaseManager() {
    // given a ready standard change whose deploy fails
    long instance = startRelease("standard", false, Behaviour.failsAfter(Duration.ZERO), Map.of());

    // when the release is rolled back
    ChangeRequest change = awaitChange(instance, ChangeState.CLOSED);
    UserTask review = awaitTask(instance, Lifecycle.UserTasks.FOLLOW_UP_ROLLBACK);

    // then the change board reads that a review is open, and a release manager has it
    assertThat(change.field("close_code").value()).isEqualTo("unsuccessful");
    assertThat(review.getCandidateGroups()).containsExactly(Lifecycle.UserTasks.RELEASE_MANAGERS);
    assertThat(WORLD.servicenow.workNotes(change.number()))
        .anySatisfy(
            note ->
                assertThat(note)
                    .startsWith("Follow-up: Rollgate release " + releaseId + " was rolled back.")
                    .contains("post-implementation review"));
    assertThat(visited(instance, "recordFollowUp")).isTrue();
    assertThat(visited(instance, "rolledBack")).isTrue();

    // when the review is done
    complete(
        review,
        Map.of(
            Variables.FOLLOW_UP_NOTES,
            "the deploy workflow lacked a secret; fixed, a new release follows",
            Variables.DECIDED_BY,
            "rita"));

    // then its findings are on the change, by name
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                WORLD.servicenow.workNotes(change.number()).stream()
                    .anyMatch(
                        note ->
                            note.equals(
                                "Follow-up of Rollgate release "
                                    + releaseId
                                    + " done by rita: the deploy workflow lacked a secret; fixed,"
                                    + " a new release follows")));
    awaitVisited(instance, "followUpClosed");
  }
}
