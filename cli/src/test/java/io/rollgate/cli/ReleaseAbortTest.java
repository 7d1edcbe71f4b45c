package io.rollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollgate.cli.FakeGateApi.Run;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code release abort}: an accepted abort reads as one, and with --wait ends with the release. */
class ReleaseAbortTest {

  /** What the gate API answers (202) while the release's model still undoes what ran. */
  private static final String ROLLING_BACK =
      "{\"id\":\"rel-1\",\"service\":\"checkout\",\"state\":\"RUNNING\","
          + "\"currentStep\":\"Roll back cutover\"}";

  @RegisterExtension final FakeGateApi api = new FakeGateApi();

  /** {@code release abort rel-1 --reason "wrong build"}, then {@code options}. */
  private Run abort(String... options) {
    List<String> args =
        new ArrayList<>(List.of("release", "abort", "rel-1", "--reason", "wrong build"));
    args.addAll(List.of(options));
    return api.rollgate(args.toArray(String[]::new));
  }

  @Test
  void anAbortStillRollingBackSaysTheAbortWasRequestedNotThatTheReleaseRuns() {
    // given
    api.answer("/api/v1/releases/rel-1/abort", 202, ROLLING_BACK);

    // when
    Run run = abort();

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
    api.answer("/api/v1/releases/rel-1/abort", 202, ROLLING_BACK);
    api.streams(
        "/api/v1/releases/rel-1/events",
        FakeGateApi.gateDecided("readiness", "GO", "CI green"),
        FakeGateApi.ended("ABORTED", "aborted by pipeline: wrong build"));

    // when
    Run run = abort("--wait", "--timeout", "1m");

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
    api.answer("/api/v1/releases/rel-1/abort", 202, ROLLING_BACK);
    api.streams("/api/v1/releases/rel-1/events", FakeGateApi.ended("RELEASED", "at 100%"));

    // when
    Run run = abort("--wait");

    // then
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("release rel-1 ended RELEASED: at 100%");
  }

  @Test
  void anAbortThatEndedTheReleasePrintsHowItEnded() {
    // given
    api.answer(
        "/api/v1/releases/rel-1/abort",
        200,
        "{\"id\":\"rel-1\",\"state\":\"ABORTED\",\"endedAt\":\"2026-12-07T06:00:00Z\","
            + "\"outcome\":\"aborted by pipeline: wrong build\"}");

    // when
    Run run = abort("--wait");

    // then: nothing left to wait for
    assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
    assertThat(run.out().lines())
        .containsExactly("release rel-1 ended ABORTED: aborted by pipeline: wrong build");
    assertThat(api.received()).hasSize(1);
  }
}
