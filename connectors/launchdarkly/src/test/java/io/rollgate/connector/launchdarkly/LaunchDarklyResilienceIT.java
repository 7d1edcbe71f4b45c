package io.rollgate.connector.launchdarkly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rollgate.connector.Resilience;
import io.rollgate.connector.ResilienceSettings;
import io.rollgate.connector.RetryableException;
import io.rollgate.connector.Secret;
import io.rollgate.connector.TestResilience;
import io.rollgate.sandbox.Faults;
import io.rollgate.sandbox.RequestLog;
import io.rollgate.sandbox.launchdarkly.EnvironmentSeed;
import io.rollgate.sandbox.launchdarkly.FlagSeed;
import io.rollgate.sandbox.launchdarkly.LaunchDarklySimulator;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rate limits, conflicts and server failures, made by the simulator's knobs. */
class LaunchDarklyResilienceIT {

  private static final FlagRef STAGING = FlagRef.of("rollgate", "checkout-v2", "staging");
  private static final FlagRef PRODUCTION = FlagRef.of("rollgate", "checkout-v2", "production");
  private static final String APPROVALS =
      "/api/v2/projects/rollgate/flags/checkout-v2/environments/production/approval-requests";

  private LaunchDarklySimulator sim;
  private LaunchDarklyClient client;

  @BeforeEach
  void start() {
    sim = LaunchDarklySimulator.start();
    sim.addEnvironment(EnvironmentSeed.of("rollgate", "staging"));
    sim.addEnvironment(EnvironmentSeed.of("rollgate", "production").requiringApproval());
    sim.seedFlag(FlagSeed.bool("rollgate", "checkout-v2"));
    client =
        LaunchDarklyClient.create(
            LaunchDarklySettings.of(sim.baseUri(), Secret.of(sim.apiToken())),
            TestResilience.fast("launchdarkly", 3),
            Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private java.util.List<Integer> statuses() {
    return SimulatorLog.settledEntries(sim).stream().map(RequestLog.Entry::status).toList();
  }

  @Test
  void waitsOutTheRateLimitUntilTheResetInstantLaunchDarklyNames() {
    // given: a window of 2 s that opens now (long enough for a busy machine to make both calls
    // in it), its one call spent
    long windowOpened = System.nanoTime();
    sim.rateLimit(1, Duration.ofMillis(2_000));
    client.getFlag(STAGING);
    long limitedAt = System.nanoTime();
    // when
    FlagState state = client.apply(STAGING, FlagChange.turnOn(), "after the limit");
    // then: the change went through once the window had passed, not long after
    long done = System.nanoTime();
    assertThat(state.on()).isTrue();
    assertThat((done - windowOpened) / 1_000_000).isGreaterThanOrEqualTo(1_950L);
    assertThat((done - limitedAt) / 1_000_000).isLessThan(5_000L);
    assertThat(statuses()).containsExactly(200, 429, 200);
  }

  @Test
  void rereadsAndResendsAcrossRepeatedConflictsUntilTheChangeLands() {
    // given
    sim.conflictOnNextPatches(2);
    int before = sim.flagVersion("rollgate", "checkout-v2", "staging");
    // when
    FlagState state = client.apply(STAGING, FlagChange.turnOn(), "wave 1");
    // then
    assertThat(state.on()).isTrue();
    assertThat(state.version()).isEqualTo(before + 3);
    assertThat(statuses()).containsExactly(409, 200, 409, 200, 200);
  }

  @Test
  void retriesServerErrorsAndSucceedsWhenTheyPass() {
    // given
    sim.faults().set(new Faults.Spec(null, null, new Faults.FailNext(2, 503, null), null, null));
    // when
    FlagState state = client.apply(STAGING, FlagChange.turnOn(), null);
    // then
    assertThat(state.on()).isTrue();
    assertThat(statuses()).containsExactly(503, 503, 200);
  }

  @Test
  void surfacesServerErrorsAsRetryableOnceAttemptsRunOut() {
    // given
    sim.faults().set(new Faults.Spec(null, null, new Faults.FailNext(10, 500, null), null, null));
    // when / then
    assertThatThrownBy(() -> client.apply(STAGING, FlagChange.turnOn(), null))
        .isInstanceOf(RetryableException.class)
        .hasMessageContaining("gave up after 3 attempts")
        .hasMessageContaining("HTTP 500");
    assertThat(statuses()).containsExactly(500, 500, 500);
    assertThat(sim.flagVersion("rollgate", "checkout-v2", "staging")).isEqualTo(1);
  }

  @Test
  void opensExactlyOneApprovalRequestWhenTheCreateAnswerTimedOutAfterLaunchDarklyStoredIt()
      throws Exception {
    // given a 400 ms read timeout and a create answered only after 1.5 s
    LaunchDarklyClient impatient =
        LaunchDarklyClient.create(
            LaunchDarklySettings.of(sim.baseUri(), Secret.of(sim.apiToken())),
            Resilience.of("launchdarkly", withReadTimeout(Duration.ofMillis(400))),
            Clock.systemUTC());
    sim.slowApprovalCreates(Duration.ofMillis(1500), 1);
    // when
    ApprovalRequest request =
        impatient.requestApproval(PRODUCTION, FlagChange.turnOn(), "Rollgate r-42 wave 3");
    // then the retry found the request the unanswered create had opened
    assertThat(sim.approvalRequestIds()).containsExactly(request.id());
    assertThat(request.reviewStatus()).isEqualTo(ApprovalRequest.ReviewStatus.PENDING);
    // the simulator logs the slow create once it has answered it
    long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
    while (!SimulatorLog.settledCalls(sim).contains("POST " + APPROVALS)
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(SimulatorLog.settledCalls(sim))
        .containsExactlyInAnyOrder("GET " + APPROVALS, "POST " + APPROVALS, "GET " + APPROVALS);
    assertThat(sim.approvalRequestIds()).containsExactly(request.id());
  }

  private static ResilienceSettings withReadTimeout(Duration readTimeout) {
    ResilienceSettings fast = TestResilience.fast(3);
    return fast.withReadAndCallTimeouts(readTimeout, fast.callTimeout());
  }

  @Test
  void retriesAReadWhoseConnectionWasReset() {
    // given
    sim.faults().set(new Faults.Spec(null, null, null, 1, null));
    // when
    FlagState state = client.getFlag(STAGING);
    // then
    assertThat(state.version()).isEqualTo(1);
    assertThat(statuses()).containsExactly(0, 200);
  }
}
