package io.rollgate.workers.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import io.camunda.client.exception.BpmnError;
import io.rollgate.connector.Secret;
import io.rollgate.connector.launchdarkly.EvaluationContext;
import io.rollgate.connector.launchdarkly.FlagEvaluator;
import io.rollgate.connector.launchdarkly.FlagRef;
import io.rollgate.connector.launchdarkly.FlagState;
import io.rollgate.connector.launchdarkly.LaunchDarklyClient;
import io.rollgate.connector.launchdarkly.LaunchDarklySettings;
import io.rollgate.connector.launchdarkly.SdkSettings;
import io.rollgate.sandbox.launchdarkly.EnvironmentSeed;
import io.rollgate.sandbox.launchdarkly.FlagSeed;
import io.rollgate.sandbox.launchdarkly.LaunchDarklySimulator;
import io.rollgate.workers.job.InvalidVariableException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The flag workers against the LaunchDarkly simulator: REST changes, SDK propagation. */
class RolloutWorkersIT {

  private static final String PROJECT = "rollgate";
  private static final LaunchDarklySimulator SIM = LaunchDarklySimulator.start();
  private static final List<EnvironmentSeed> ENVIRONMENTS = SIM.seedDemo();
  private static final LaunchDarklyClient LAUNCHDARKLY =
      LaunchDarklyClient.create(LaunchDarklySettings.of(SIM.baseUri(), Secret.of(SIM.apiToken())));
  private static final FlagEvaluator SDK =
      FlagEvaluator.start(
          SdkSettings.singleHost(Secret.of(ENVIRONMENTS.get(0).sdkKey()), SIM.baseUri()));
  private static final FlagEvaluator PRODUCTION_SDK =
      FlagEvaluator.start(
          SdkSettings.singleHost(
              Secret.of(
                  ENVIRONMENTS.stream()
                      .filter(EnvironmentSeed::approvalRequired)
                      .findFirst()
                      .orElseThrow()
                      .sdkKey()),
              SIM.baseUri()));
  private static final AtomicInteger FLAGS = new AtomicInteger();

  private final FlagRollout test = rollout("test");
  private final SetRolloutWorker setRollout = new SetRolloutWorker(test);
  private final RollbackWorker rollback = new RollbackWorker(test);

  @AfterAll
  static void stop() {
    SDK.close();
    PRODUCTION_SDK.close();
    SIM.close();
  }

  @Test
  void servesTheWaveToItsShareOfContextsAndTurnsTheFlagOn() {
    // given
    String flag = newFlag();

    // when
    SetRolloutWorker.Output out = setRollout.handle(new SetRolloutWorker.Input("R-1", flag, 10));

    // then
    FlagState state = LAUNCHDARKLY.getFlag(FlagRef.of(PROJECT, flag, "test"));
    assertThat(state.on()).isTrue();
    assertThat(state.rolloutWeightsById())
        .isEqualTo(Map.of(flag + "-true", 10_000, flag + "-false", 90_000));
    assertThat(out.flagVersion()).isEqualTo(SIM.flagVersion(PROJECT, flag, "test"));
    assertThat(SDK.flagVersion(flag)).hasValue(out.flagVersion());
  }

  @Test
  void changesNothingWhenTheSameWaveIsServedAgain() {
    // given
    String flag = newFlag();
    int first = setRollout.handle(new SetRolloutWorker.Input("R-2", flag, 50)).flagVersion();

    // when
    int second = setRollout.handle(new SetRolloutWorker.Input("R-2", flag, 50)).flagVersion();

    // then
    assertThat(second).isEqualTo(first);
    assertThat(SIM.flagVersion(PROJECT, flag, "test")).isEqualTo(first);
  }

  @Test
  void rollsBackSoEveryContextGetsFalse() {
    // given
    String flag = newFlag();
    setRollout.handle(new SetRolloutWorker.Input("R-3", flag, 100));

    // when
    RollbackWorker.Output out = rollback.handle(new RollbackWorker.Input("R-3", flag));

    // then
    FlagState state = LAUNCHDARKLY.getFlag(FlagRef.of(PROJECT, flag, "test"));
    assertThat(state.rolloutWeightsById()).containsEntry(flag + "-false", 100_000);
    assertThat(out.flagVersion()).isEqualTo(state.version());
    assertThat(SDK.boolVariation(flag, EvaluationContext.of("user", "ada"), true)).isFalse();
  }

  @Test
  void waitsForTheApprovalWhereTheEnvironmentRequiresItAndThenServesTheWave() throws Exception {
    // given a flag in an environment that requires approval
    String flag = newFlag();
    SetRolloutWorker production =
        new SetRolloutWorker(rollout("production", Duration.ofSeconds(30)));
    List<String> before = SIM.approvalRequestIds();

    // when the wave is served, and reviewers approve the request
    CompletableFuture<SetRolloutWorker.Output> served =
        CompletableFuture.supplyAsync(
            () -> production.handle(new SetRolloutWorker.Input("R-4", flag, 10)));
    String request = awaitNewApproval(before);
    FlagState waiting = LAUNCHDARKLY.getFlag(FlagRef.of(PROJECT, flag, "production"));
    SIM.reviewApproval(request, "approve");
    SetRolloutWorker.Output out = served.get(30, TimeUnit.SECONDS);

    // then nothing changed while the request waited; the one request, rollout and targeting on
    // together, was applied
    assertThat(SIM.approvalRequestIds()).hasSize(before.size() + 1);
    assertThat(waiting.on()).isFalse();
    assertThat(waiting.rolloutWeightsById()).isEmpty();
    FlagState state = LAUNCHDARKLY.getFlag(FlagRef.of(PROJECT, flag, "production"));
    assertThat(state.on()).isTrue();
    assertThat(state.rolloutWeightsById())
        .isEqualTo(Map.of(flag + "-true", 10_000, flag + "-false", 90_000));
    assertThat(out.flagVersion()).isEqualTo(state.version());
  }

  @Test
  void aDeclinedApprovalIsTheModelsErrorAndLeavesTheFlagAsItWas() {
    // given
    String flag = newFlag();
    SetRolloutWorker production =
        new SetRolloutWorker(rollout("production", Duration.ofSeconds(30)));
    List<String> before = SIM.approvalRequestIds();

    // when reviewers decline the change
    CompletableFuture<SetRolloutWorker.Output> served =
        CompletableFuture.supplyAsync(
            () -> production.handle(new SetRolloutWorker.Input("R-6", flag, 10)));
    String request = awaitNewApproval(before);
    SIM.reviewApproval(request, "decline");

    // then
    assertThatThrownBy(() -> served.get(30, TimeUnit.SECONDS))
        .cause()
        .isInstanceOfSatisfying(
            BpmnError.class,
            e -> {
              assertThat(e.getErrorCode()).isEqualTo("FLAG_APPROVAL_DECLINED");
              assertThat(e.getVariables())
                  .asInstanceOf(MAP)
                  .containsEntry("flagApprovalRequest", request);
            });
    FlagState state = LAUNCHDARKLY.getFlag(FlagRef.of(PROJECT, flag, "production"));
    assertThat(state.on()).isFalse();
    assertThat(state.rolloutWeightsById()).isEmpty();
  }

  @Test
  void anApprovalNotGivenInTimeIsTheModelsErrorForAPerson() {
    // given reviewers who do not answer
    String flag = newFlag();
    SetRolloutWorker production =
        new SetRolloutWorker(rollout("production", Duration.ofSeconds(1)));

    // when / then
    assertThatThrownBy(() -> production.handle(new SetRolloutWorker.Input("R-7", flag, 10)))
        .isInstanceOfSatisfying(
            BpmnError.class,
            e -> {
              assertThat(e.getErrorCode()).isEqualTo("FLAG_APPROVAL_TIMEOUT");
              assertThat(e.getMessage()).contains("was not approved within PT1S");
              assertThat(e.getVariables()).asInstanceOf(MAP).containsKey("flagApprovalRequest");
            });
    assertThat(LAUNCHDARKLY.getFlag(FlagRef.of(PROJECT, flag, "production")).on()).isFalse();
  }

  @Test
  void refusesAWaveAboveOneHundredPercent() {
    // given / when / then
    assertThatThrownBy(() -> new SetRolloutWorker.Input("R-5", "checkout-v2", 150))
        .isInstanceOf(InvalidVariableException.class)
        .hasMessage("variable 'wave' is 150; a wave is a percentage, 0..100");
  }

  /** A fresh boolean flag per test, so tests do not share versions. */
  private static String newFlag() {
    String key = "feature-" + FLAGS.incrementAndGet();
    SIM.seedFlag(FlagSeed.bool(PROJECT, key));
    return key;
  }

  private static FlagRollout rollout(String environment) {
    return rollout(environment, Duration.ofSeconds(10));
  }

  private static FlagRollout rollout(String environment, Duration approvalTimeout) {
    return new FlagRollout(
        LAUNCHDARKLY,
        environment.equals("production") ? PRODUCTION_SDK : SDK,
        PROJECT,
        environment,
        Duration.ofSeconds(10),
        new FlagApprovalWait(LAUNCHDARKLY, approvalTimeout, Duration.ofMillis(100)));
  }

  /** The approval request opened since {@code before}, once there is one. */
  private static String awaitNewApproval(List<String> before) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> SIM.approvalRequestIds().stream().filter(id -> !before.contains(id)).findFirst(),
            Optional::isPresent)
        .orElseThrow();
  }
}
