package io.rollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollgate.cli.FakeGateApi.Run;
import java.io.OutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code release abort}: an accepted abort reads as one, and with --wait ends with the release. */
class ReleaseAbortTest {

  /** What the gate API answers (202) while the release's model still undoes what ran. */
  private static final String ROLLING_BACK =
      "{\"id\":\"rel-1\",\"service\":\"checkout\",\"state\":\"RUNNING\","
          + "\"currentStep\":\"Roll back cutover\"}";

  private FakeGateApi api;

  @BeforeEach
  void startApi() throws Exception {
    api = new FakeGateApi();
  }

  @AfterEach
  void stopApi() {
    api.close();
  }

  @Test
  void anAbortStillRollingBackSaysTheAbortWasRequestedNotThatTheReleaseRuns() {
    // given
    api.on("/api/v1/releases/rel-1/abort", (x, n) -> FakeGateApi.json(x, 202, ROLLING_BACK));

    // when
    Run run = api.rollgate("release", "abort", "rel-1", "--reason", "wrong build");

    // then
    assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
    assertThat(run.out().lines())
        .containsExactly(
            "release rel-1: abort accepted; the release rolls back (at: Roll back cutover)");
    assertThat(api.received().get(0).body()).isEqualTo("{\"reason\":\"wrong build\"}");
    assertThat(api.received()).hasSize(1);
  }

  @Test
  void withWaitAnAcceptedAbortFollowsTheReleaseUntilItEndedAbortedAndExitsZero() {
    // given: the stream replays the release's gates before its end
    api.on("/api/v1/releases/rel-1/abort", (x, n) -> FakeGateApi.json(x, 202, ROLLING_BACK));
    api.on(
        "/api/v1/releases/rel-1/events",
        (x, n) -> {
          OutputStream events = FakeGateApi.events(x);
          FakeGateApi.event(
              events,
              1,
              "gate-decided",
              "{\"releaseId\":\"rel-1\",\"gate\":\"readiness\",\"verdict\":\"GO\"}");
          FakeGateApi.event(
              events,
              2,
              "release-ended",
              "{\"releaseId\":\"rel-1\",\"state\":\"ABORTED\","
                  + "\"outcome\":\"aborted by pipeline: wrong build\"}");
        });

    // when
    Run run =
        api.rollgate(
            "release", "abort", "rel-1", "--reason", "wrong build", "--wait", "--timeout", "1m");

    // then
    assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
    assertThat(run.out().lines())
        .containsExactly(
            "release rel-1: abort accepted; the release rolls back (at: Roll back cutover)",
            "release rel-1 ended ABORTED: aborted by pipeline: wrong build");
  }

  @Test
  void withWaitAReleaseThatEndedOtherwiseThanAbortedExitsOne() {
    // given: the release was released before the abort reached its model
    api.on("/api/v1/releases/rel-1/abort", (x, n) -> FakeGateApi.json(x, 202, ROLLING_BACK));
    api.on(
        "/api/v1/releases/rel-1/events",
        (x, n) ->
            FakeGateApi.event(
                FakeGateApi.events(x),
                7,
                "release-ended",
                "{\"releaseId\":\"rel-1\",\"state\":\"RELEASED\",\"outcome\":\"at 100%\"}"));

    // when
    Run run = api.rollgate("release", "abort", "rel-1", "--reason", "wrong build", "--wait");

    // then
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("release rel-1 ended RELEASED: at 100%");
  }

  @Test
  void anAbortThatEndedTheReleasePrintsHowItEnded() {
    // given
    api.on(
        "/api/v1/releases/rel-1/abort",
        (x, n) ->
            FakeGateApi.json(
                x,
                200,
                "{\"id\":\"rel-1\",\"state\":\"ABORTED\",\"endedAt\":\"2026-12-07T06:00:00Z\","
                    + "\"outcome\":\"aborted by pipeline: wrong build\"}"));

    // when
    Run run = api.rollgate("release", "abort", "rel-1", "--reason", "wrong build", "--wait");

    // then: nothing left to wait for
    assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
    assertThat(run.out().lines())
        .containsExactly("release rel-1 ended ABORTED: aborted by pipeline: wrong build");
    assertThat(api.received()).hasSize(1);
  }
}
