package io.rollgate.connector.launchdarkly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rollgate.connector.NonRetryableException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Client behaviours every LaunchDarkly backend must give the same results for: MockWebServer with
 * answers recorded from the spec's shapes, and the simulator computing them from its state. Each
 * scenario starts from flag {@code checkout-v2} at version 3 in {@code staging} (no approvals) and
 * {@code production} (approval required), targeting on, serving {@code false}.
 */
abstract class LaunchDarklyScenarios {

  static final String TRUE_ID = "e432f0e2-8fbd-4c2c-9a7e-4c1c6a1b2f01";
  static final String FALSE_ID = "7a2b9c3d-1e4f-4a5b-8c6d-0e1f2a3b4c5d";
  static final FlagRef STAGING = FlagRef.of("rollgate", "checkout-v2", "staging");
  static final FlagRef PRODUCTION = FlagRef.of("rollgate", "checkout-v2", "production");
  static final String FLAG_PATH = "/api/v2/flags/rollgate/checkout-v2";
  static final String APPROVALS_PATH =
      "/api/v2/projects/rollgate/flags/checkout-v2/environments/production/approval-requests";

  /** One way of being LaunchDarkly. */
  interface Backend {
    LaunchDarklyClient client();

    LaunchDarklyClient clientWithToken(String token);

    /**
     * The answers LaunchDarkly gives to the next calls, as {@code status} and a fixture name; a
     * simulator computes them instead and ignores this.
     */
    void answers(Answer... answers);

    /** The next {@code count} patches race a concurrent writer and lose. */
    void concurrentWriterWinsNext(int count);

    /** Another member approves the approval request. */
    void reviewerApproves(String approvalRequestId);

    /** Another member declines the approval request. */
    void reviewerDeclines(String approvalRequestId);

    /** {@code METHOD path} of every API call received so far. */
    List<String> calls();
  }

  record Answer(int status, String fixture) {}

  static Answer answer(int status, String fixture) {
    return new Answer(status, fixture);
  }

  abstract Backend backend();

  @Test
  void readsTheFlagStateOfOneEnvironment() {
    // given
    backend().answers(answer(200, "flag-staging-v3.json"));
    // when
    FlagState state = backend().client().getFlag(STAGING);
    // then
    assertThat(state.version()).isEqualTo(3);
    assertThat(state.on()).isTrue();
    assertThat(state.fallthroughVariation()).isEqualTo(1);
    assertThat(state.rollout()).isEmpty();
    assertThat(state.offVariation()).isEqualTo(1);
    assertThat(state.variations())
        .extracting(FlagState.Variation::id)
        .containsExactly(TRUE_ID, FALSE_ID);
    assertThat(state.variationIdOf(true)).contains(TRUE_ID);
    assertThat(backend().calls()).containsExactly("GET " + FLAG_PATH);
  }

  @Test
  void setsAPercentageRolloutOnTheFallthroughAndReturnsTheNewVersion() {
    // given
    backend().answers(answer(200, "flag-staging-rollout-v4.json"));
    // when
    FlagState state =
        backend()
            .client()
            .apply(STAGING, FlagChange.Rollout.twoWay(TRUE_ID, FALSE_ID, 10_000), "wave 1: 10%");
    // then
    assertThat(state.version()).isEqualTo(4);
    assertThat(state.fallthroughVariation()).isNull();
    assertThat(state.rolloutWeightsById()).isEqualTo(Map.of(TRUE_ID, 10_000, FALSE_ID, 90_000));
    assertThat(backend().calls()).containsExactly("PATCH " + FLAG_PATH);
  }

  @Test
  void turnsTheFlagOff() {
    // given
    backend().answers(answer(200, "flag-staging-off-v4.json"));
    // when
    FlagState state = backend().client().apply(STAGING, FlagChange.turnOff(), "rollback r-42");
    // then
    assertThat(state.on()).isFalse();
    assertThat(state.version()).isEqualTo(4);
  }

  @Test
  void rereadsTheFlagAndSendsTheChangeAgainAfterAConflict() {
    // given
    backend().concurrentWriterWinsNext(1);
    backend()
        .answers(
            answer(409, "error-conflict.json"),
            answer(200, "flag-staging-v4.json"),
            answer(200, "flag-staging-rollout-v5.json"));
    // when
    FlagState state =
        backend()
            .client()
            .apply(STAGING, FlagChange.Rollout.twoWay(TRUE_ID, FALSE_ID, 10_000), "wave 1");
    // then
    assertThat(state.version()).isEqualTo(5);
    assertThat(state.rolloutWeightsById()).containsEntry(TRUE_ID, 10_000);
    assertThat(backend().calls())
        .containsExactly("PATCH " + FLAG_PATH, "GET " + FLAG_PATH, "PATCH " + FLAG_PATH);
  }

  @Test
  void changesInAnApprovalEnvironmentWaitForApprovalAndTakeEffectWhenApplied() {
    // given
    backend()
        .answers(
            answer(405, "error-approval-required.json"),
            answer(200, "approval-requests-none.json"),
            answer(201, "approval-pending.json"),
            answer(200, "approval-approved.json"),
            answer(200, "approval-applied.json"),
            answer(200, "flag-production-off-v4.json"));
    LaunchDarklyClient client = backend().client();
    // when
    ChangeResult result =
        client.applyOrRequestApproval(
            PRODUCTION, FlagChange.turnOff(), "Rollgate release r-42: turnFlagOff");
    // then
    assertThat(result).isInstanceOf(ChangeResult.PendingApproval.class);
    ApprovalRequest pending = ((ChangeResult.PendingApproval) result).request();
    assertThat(pending.reviewStatus()).isEqualTo(ApprovalRequest.ReviewStatus.PENDING);
    assertThat(pending.readyToApply()).isFalse();
    // when
    backend().reviewerApproves(pending.id());
    ApprovalRequest approved = client.getApproval(PRODUCTION, pending.id());
    ApprovalRequest applied = client.applyApproval(PRODUCTION, pending.id(), "go");
    FlagState after = client.getFlag(PRODUCTION);
    // then
    assertThat(approved.readyToApply()).isTrue();
    assertThat(applied.applied()).isTrue();
    assertThat(applied.appliedAt()).isNotNull();
    assertThat(after.on()).isFalse();
    assertThat(after.version()).isEqualTo(4);
    assertThat(backend().calls())
        .containsExactly(
            "PATCH " + FLAG_PATH,
            "GET " + APPROVALS_PATH,
            "POST " + APPROVALS_PATH,
            "GET " + APPROVALS_PATH + "/" + pending.id(),
            "POST " + APPROVALS_PATH + "/" + pending.id() + "/apply",
            "GET " + FLAG_PATH);
  }

  @Test
  void aDeclinedApprovalRequestReadsAsDeclinedAndNeverAsReadyToApply() {
    // given a change waiting for approval
    backend()
        .answers(
            answer(405, "error-approval-required.json"),
            answer(200, "approval-requests-none.json"),
            answer(201, "approval-pending.json"),
            answer(200, "approval-declined.json"));
    LaunchDarklyClient client = backend().client();
    ApprovalRequest pending =
        ((ChangeResult.PendingApproval)
                client.applyOrRequestApproval(
                    PRODUCTION, FlagChange.turnOff(), "Rollgate release r-42: turnFlagOff"))
            .request();

    // when a reviewer declines it
    backend().reviewerDeclines(pending.id());
    ApprovalRequest declined = client.getApproval(PRODUCTION, pending.id());

    // then
    assertThat(declined.declined()).isTrue();
    assertThat(declined.readyToApply()).isFalse();
    assertThat(declined.applied()).isFalse();
    assertThat(backend().calls())
        .containsExactly(
            "PATCH " + FLAG_PATH,
            "GET " + APPROVALS_PATH,
            "POST " + APPROVALS_PATH,
            "GET " + APPROVALS_PATH + "/" + pending.id());
  }

  @Test
  void asksForApprovalOfTheSameChangeOnlyOnceWhenAskedAgain() {
    // given
    backend()
        .answers(
            answer(200, "approval-requests-none.json"),
            answer(201, "approval-pending.json"),
            answer(200, "approval-requests-open.json"));
    LaunchDarklyClient client = backend().client();
    String description = "Rollgate release r-42: turnFlagOff";
    // when
    ApprovalRequest first = client.requestApproval(PRODUCTION, FlagChange.turnOff(), description);
    ApprovalRequest again = client.requestApproval(PRODUCTION, FlagChange.turnOff(), description);
    // then
    assertThat(again.id()).isEqualTo(first.id());
    assertThat(again.reviewStatus()).isEqualTo(ApprovalRequest.ReviewStatus.PENDING);
    assertThat(backend().calls())
        .containsExactly(
            "GET " + APPROVALS_PATH, "POST " + APPROVALS_PATH, "GET " + APPROVALS_PATH);
  }

  @Test
  void tellsWhetherAnEnvironmentRequiresApproval() {
    // given
    backend().answers(answer(200, "environment-production.json"));
    // when
    EnvironmentInfo production = backend().client().getEnvironment("rollgate", "production");
    // then
    assertThat(production.approvalRequired()).isTrue();
    assertThat(production.key()).isEqualTo("production");
  }

  @Test
  void refusesAWrongTokenAtOnceWithoutRetrying() {
    // given
    backend().answers(answer(401, "error-unauthorized.json"));
    LaunchDarklyClient client = backend().clientWithToken("api-wrong-token");
    // when / then
    assertThatThrownBy(() -> client.getFlag(STAGING))
        .isInstanceOf(NonRetryableException.class)
        .hasMessageContaining("HTTP 401")
        .hasMessageContaining("unauthorized");
    assertThat(backend().calls()).hasSize(1);
  }

  @Test
  void reportsAnUnknownFlagAsNotRetryable() {
    // given
    backend().answers(answer(404, "error-not-found.json"));
    // when / then
    assertThatThrownBy(
            () -> backend().client().getFlag(FlagRef.of("rollgate", "no-such-flag", "staging")))
        .isInstanceOfSatisfying(
            NonRetryableException.class, e -> assertThat(e.status()).contains(404));
  }
}
