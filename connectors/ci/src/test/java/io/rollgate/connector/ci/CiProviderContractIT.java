package io.rollgate.connector.ci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rollgate.sandbox.ci.Behaviour;
import io.rollgate.sandbox.ci.CiSimulator;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The same behaviours for every provider, against the CI simulator. */
class CiProviderContractIT {

  private static final String SHA = "9fceb02d0ae598e95dc970b74767f19372d61af8";
  private static final WaitPolicy PATIENT =
      WaitPolicy.of(Duration.ofSeconds(5), Duration.ofMillis(40));

  private static CiSimulator sim;

  @BeforeAll
  static void startSimulator() {
    sim =
        CiSimulator.builder()
            .queueTime(Duration.ofMillis(50))
            .dispatchDelay(Duration.ofMillis(200))
            .start();
  }

  @AfterAll
  static void stopSimulator() {
    sim.close();
  }

  @BeforeEach
  void reset() {
    sim.reset();
  }

  @ParameterizedTest
  @EnumSource(SimBackends.class)
  void reportsPendingWithoutARunForACommitNothingBuilt(SimBackends backend) {
    // given
    backend.pipelineBehaves(sim, Behaviour.succeedsAfter(Duration.ZERO));
    // when
    PipelineStatus status = backend.provider(sim).pipelineStatus(backend.pipeline(), SHA);
    // then
    assertThat(status).isEqualTo(PipelineStatus.noRunYet());
  }

  @ParameterizedTest
  @EnumSource(SimBackends.class)
  void reportsRunningWhileTheCommitsRunIsInProgress(SimBackends backend) throws Exception {
    // given
    backend.pipelineBehaves(sim, Behaviour.succeedsAfter(Duration.ofSeconds(30)));
    backend.seedRun(sim, SHA);
    Thread.sleep(120);
    // when
    PipelineStatus status = backend.provider(sim).pipelineStatus(backend.pipeline(), SHA);
    // then
    assertThat(status.state()).isEqualTo(PipelineState.RUNNING);
    assertThat(status.runId()).isNotBlank();
    assertThat(status.url()).startsWith("http://127.0.0.1:");
  }

  @ParameterizedTest
  @EnumSource(SimBackends.class)
  void reportsFailedOnceTheCommitsRunFailed(SimBackends backend) throws Exception {
    // given
    backend.pipelineBehaves(sim, Behaviour.failsAfter(Duration.ofMillis(10)));
    backend.seedRun(sim, SHA);
    Thread.sleep(150);
    // when
    PipelineStatus status = backend.provider(sim).pipelineStatus(backend.pipeline(), SHA);
    // then
    assertThat(status.state()).isEqualTo(PipelineState.FAILED);
  }

  @ParameterizedTest
  @EnumSource(SimBackends.class)
  void triggersWithParametersAndWaitsForTheSucceededRun(SimBackends backend) {
    // given
    backend.pipelineBehaves(sim, Behaviour.succeedsAfter(Duration.ofMillis(300)));
    // when
    CiRun run =
        backend
            .provider(sim)
            .triggerAndWait(
                TriggerRequest.of(backend.pipeline(), "main", Map.of("RELEASE_ID", "rel-42")),
                PATIENT);
    // then
    assertThat(run.state()).isEqualTo(PipelineState.SUCCEEDED);
    assertThat(run.conclusion()).isIn("success", "SUCCESS");
    assertThat(run.url()).startsWith("http://127.0.0.1:");
    assertThat(backend.parametersReceived(sim)).containsEntry("RELEASE_ID", "rel-42");
    backend.assertFollowedTheTriggeredRun(sim, run);
  }

  @ParameterizedTest
  @EnumSource(SimBackends.class)
  void returnsAFailedRunAsAResultNotAnException(SimBackends backend) {
    // given
    backend.pipelineBehaves(sim, Behaviour.failsAfter(Duration.ofMillis(200)));
    // when
    CiRun run =
        backend
            .provider(sim)
            .triggerAndWait(TriggerRequest.of(backend.pipeline(), "main", Map.of()), PATIENT);
    // then
    assertThat(run.state()).isEqualTo(PipelineState.FAILED);
    assertThat(run.conclusion()).isIn("failure", "failed", "FAILURE");
    backend.assertFollowedTheTriggeredRun(sim, run);
  }

  @ParameterizedTest
  @EnumSource(SimBackends.class)
  void returnsACancelledRunAsCancelled(SimBackends backend) {
    // given
    backend.pipelineBehaves(sim, Behaviour.cancelledAfter(Duration.ofMillis(100)));
    // when
    CiRun run =
        backend
            .provider(sim)
            .triggerAndWait(TriggerRequest.of(backend.pipeline(), "main", Map.of()), PATIENT);
    // then
    assertThat(run.state()).isEqualTo(PipelineState.CANCELLED);
    backend.assertFollowedTheTriggeredRun(sim, run);
  }

  @ParameterizedTest
  @EnumSource(SimBackends.class)
  void timesOutWithTheLastSeenRunWhenItOutlastsTheWait(SimBackends backend) {
    // given a run far longer than the wait
    backend.pipelineBehaves(sim, Behaviour.succeedsAfter(Duration.ofSeconds(30)));
    WaitPolicy impatient = WaitPolicy.of(Duration.ofMillis(700), Duration.ofMillis(50));
    long started = System.nanoTime();
    // when / then
    assertThatThrownBy(
            () ->
                backend
                    .provider(sim)
                    .triggerAndWait(
                        TriggerRequest.of(backend.pipeline(), "main", Map.of()), impatient))
        .isInstanceOfSatisfying(
            RunTimeoutException.class,
            e -> {
              assertThat(e.retryable()).isFalse();
              assertThat(e.lastSeen())
                  .hasValueSatisfying(
                      run -> assertThat(run.state()).isEqualTo(PipelineState.RUNNING));
            });
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
  }
}
