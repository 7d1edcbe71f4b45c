package io.rollgate.connector.launchdarkly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rollgate.connector.Secret;
import io.rollgate.connector.TestResilience;
import io.rollgate.sandbox.launchdarkly.EnvironmentSeed;
import io.rollgate.sandbox.launchdarkly.FlagSeed;
import io.rollgate.sandbox.launchdarkly.LaunchDarklySimulator;
import java.time.Clock;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A real {@code LDClient} pointed at the simulator, after REST changes made by the client. */
class SdkPropagationIT {

  private static final String PROJECT = "rollgate";
  private static final String ENV = "production";
  private static final FlagRef CHECKOUT = FlagRef.of(PROJECT, "checkout-v2", ENV);

  private LaunchDarklySimulator sim;
  private LaunchDarklyClient rest;
  private FlagEvaluator sdk;

  @BeforeEach
  void start() {
    sim = LaunchDarklySimulator.start();
    EnvironmentSeed env = sim.addEnvironment(EnvironmentSeed.of(PROJECT, ENV));
    sim.seedFlag(FlagSeed.bool(PROJECT, "checkout-v2").withOn(true).withFallthroughVariation(1));
    sim.seedFlag(FlagSeed.bool(PROJECT, "release-freeze"));
    rest =
        LaunchDarklyClient.create(
            LaunchDarklySettings.of(sim.baseUri(), Secret.of(sim.apiToken())),
            TestResilience.fast("launchdarkly", 3),
            Clock.systemUTC());
    sdk = FlagEvaluator.start(SdkSettings.singleHost(Secret.of(env.sdkKey()), sim.baseUri()));
  }

  @AfterEach
  void stop() {
    sdk.close();
    sim.close();
  }

  @Test
  void sdkServesTheRolloutAfterTheRestClientChangedItAndThePropagationCheckConfirmsIt()
      throws Exception {
    // given
    assertThat(sdk.isReady()).isTrue();
    assertThat(servedTrue(200)).isEqualTo(0L);
    FlagState before = rest.getFlag(CHECKOUT);
    // when
    FlagState after =
        rest.apply(
            CHECKOUT,
            FlagChange.Rollout.twoWay(
                before.variationIdOf(true).orElseThrow(),
                before.variationIdOf(false).orElseThrow(),
                50_000),
            "wave 3");
    PropagationCheck.Propagated propagated =
        new PropagationCheck(sdk, Clock.systemUTC())
            .awaitVersion("checkout-v2", after.version(), Duration.ofSeconds(5));
    // then
    assertThat(after.version()).isEqualTo(before.version() + 1);
    assertThat(propagated.version()).isEqualTo(after.version());
    assertThat(sdk.flagVersion("checkout-v2")).hasValue(after.version());
    assertThat(servedTrue(200)).isBetween(60L, 140L);
  }

  @Test
  void propagationCheckTimesOutNamingBothVersionsWhenTheChangeNeverArrives() {
    // given
    sim.pausePropagation();
    FlagRef freeze = FlagRef.of(PROJECT, "release-freeze", ENV);
    FlagState after = rest.apply(freeze, FlagChange.turnOn(), "freeze");
    PropagationCheck check = new PropagationCheck(sdk, Clock.systemUTC());
    // when / then
    assertThatThrownBy(
            () -> check.awaitVersion("release-freeze", after.version(), Duration.ofMillis(600)))
        .isInstanceOf(PropagationTimeoutException.class)
        .hasMessageContaining("release-freeze")
        .hasMessageContaining("expected version " + after.version())
        .hasMessageContaining("SDK holds version " + (after.version() - 1));
    assertThat(sdk.boolVariation("release-freeze", EvaluationContext.of("service", "a"), true))
        .as("the SDK still serves the state before the change")
        .isFalse();
  }

  @Test
  void evaluatesTheReleaseFreezeFlagForAServiceContext() throws Exception {
    // given
    EvaluationContext checkout = EvaluationContext.of("service", "checkout");
    boolean frozenBefore = sdk.boolVariation("release-freeze", checkout, true);
    FlagRef freeze = FlagRef.of(PROJECT, "release-freeze", ENV);
    // when
    FlagState on = rest.apply(freeze, FlagChange.turnOn(), "freeze for incident");
    new PropagationCheck(sdk, Clock.systemUTC())
        .awaitVersion("release-freeze", on.version(), Duration.ofSeconds(5));
    // then
    assertThat(frozenBefore).isFalse();
    assertThat(sdk.boolVariation("release-freeze", checkout, false)).isTrue();
  }

  private long servedTrue(int users) {
    return IntStream.range(0, users)
        .filter(i -> sdk.boolVariation("checkout-v2", EvaluationContext.of("user", "u" + i), false))
        .count();
  }
}
