package io.rollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollgate.cli.FakeGateApi.Run;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The CLI against an in-test gate API: what it sends, prints, and exits with. */
class RollgateCliTest {

  @RegisterExtension final FakeGateApi api = new FakeGateApi();

  @Test
  void startWithWaitPrintsEachGateAndExitsZeroWhenReleased() {
    // given
    api.startsReleases();
    api.streams(
        "/api/v1/releases/rel-1/events",
        FakeGateApi.gateDecided("readiness", "GO", "CI green"),
        new FakeGateApi.Event("wave-set", "{\"percent\":50}"),
        FakeGateApi.gateDecided("cab", "APPROVED", "CAB ok"),
        FakeGateApi.ended("RELEASED", "it RELEASED"));
    Map<String, String> github =
        Map.of(
            "GITHUB_ACTIONS", "true",
            "GITHUB_REPOSITORY", "acme/shop",
            "GITHUB_RUN_ID", "42",
            "GITHUB_SERVER_URL", "https://github.com");

    // when
    Run run = api.start(github, "--wait", "--timeout", "1m");

    // then
    assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
    assertThat(run.out().lines().filter(l -> l.startsWith("readiness") || l.startsWith("cab")))
        .containsExactly(
            Verdicts.gateLine("readiness", "GO", "CI green"),
            Verdicts.gateLine("cab", "APPROVED", "CAB ok"));
    assertThat(run.out()).contains("ended RELEASED");
    FakeGateApi.Received start = api.received().get(0);
    assertThat(start.method()).isEqualTo("POST");
    assertThat(start.header("Authorization")).isEqualTo("Bearer " + FakeGateApi.TOKEN);
    assertThat(start.header("Idempotency-Key")).startsWith("rollgate-cli-");
    assertThat(start.body())
        .contains("\"commitSha\":\"" + FakeGateApi.COMMIT + "\"")
        .contains("\"repository\":\"acme/shop\"")
        .contains("\"ciProvider\":\"github\"")
        .contains("\"pipelineUrl\":\"https://github.com/acme/shop/actions/runs/42\"")
        // the rollout plan is the service's configured one, as the command gives none
        .doesNotContain("\"waves\"", "\"bakeTime\"", "\"changeModel\"", "\"ciWorkflow\"");
    assertThat(run.out() + run.err()).doesNotContain(FakeGateApi.TOKEN);
  }

  @Test
  void theTestPassRatioAndLinksComeFromThePipelinesEnvironmentAndAnOptionWins() {
    // given: a pipeline step that hands the ratio and two links over in its environment
    api.startsReleases();
    Map<String, String> step =
        Map.of(
            "ROLLGATE_TEST_PASS_RATIO", "0.98",
            "ROLLGATE_RUNBOOK_URL", "https://wiki.example/runbooks/checkout",
            "ROLLGATE_ROLLBACK_PLAN_URL", "https://wiki.example/rollback/checkout",
            "ROLLGATE_TEST_REPORT_URL", " ");

    // when
    Run run =
        api.start(step, "--rollback-plan-url", "https://wiki.example/rollback/checkout-1.2.3");

    // then: a blank variable is no link, so the service's configured one applies
    assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
    String body = api.received().get(0).body();
    assertThat(body)
        .contains("\"testPassRatio\":0.98")
        .contains("\"runbookUrl\":\"https://wiki.example/runbooks/checkout\"")
        .contains("\"rollbackPlanUrl\":\"https://wiki.example/rollback/checkout-1.2.3\"")
        .doesNotContain("testReportUrl");
  }

  @Test
  void aTestPassRatioInTheEnvironmentThatIsNoNumberIsAnErrorAndStartsNothing() {
    // when
    Run run = api.start(Map.of("ROLLGATE_TEST_PASS_RATIO", "all green"));

    // then
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("ROLLGATE_TEST_PASS_RATIO");
    assertThat(api.received()).isEmpty();
  }

  @Test
  void aRolledBackReleaseExitsOne() {
    // given
    api.startsReleases();
    api.streams(
        "/api/v1/releases/rel-1/events",
        FakeGateApi.gateDecided("health-check", "UNHEALTHY", "new P1"),
        new FakeGateApi.Event("rollback", "{\"reason\":\"new P1\"}"),
        FakeGateApi.ended("ROLLED_BACK", "it ROLLED_BACK"));

    // when
    Run run = api.start("--wait");

    // then
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("UNHEALTHY").contains("ended ROLLED_BACK");
  }

  @Test
  void aReleaseThatStopsAtAnIncidentSaysWhereAndWaitsForThePersonWhoRetriesIt() {
    // given: readiness stops at an incident, a release manager retries it, the release goes on
    api.startsReleases();
    api.streams(
        "/api/v1/releases/rel-1/events",
        new FakeGateApi.Event(
            "stopped",
            "{\"element\":\"ciStatus\",\"errorType\":\"JOB_NO_RETRIES\","
                + "\"message\":\"GitHub: read timed out\"}"),
        new FakeGateApi.Event("step-retried", "{\"element\":\"ciStatus\",\"actor\":\"rm\"}"),
        FakeGateApi.gateDecided("readiness", "GO", "ok"),
        FakeGateApi.ended("RELEASED", "it RELEASED"));

    // when
    Run run = api.start("--wait");

    // then
    assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
    assertThat(run.out())
        .contains("stopped       at ciStatus: GitHub: read timed out (a release manager retries")
        .contains("ended RELEASED");
  }

  @Test
  void aDroppedStreamResumesAfterTheLastEventAndNeverReportsAHalfReceivedOne() {
    // given: the first connection drops in the middle of event 2
    api.startsReleases();
    api.on(
        "/api/v1/releases/rel-1/events",
        (x, n) -> {
          OutputStream events = FakeGateApi.events(x);
          if (n == 1) {
            FakeGateApi.event(events, 1, FakeGateApi.gateDecided("readiness", "GO", "ok"));
            events.write(
                "id:2\nevent:gate-decided\ndata:{\"gate\":\"cab\",\"verdict\":\"REJ"
                    .getBytes(StandardCharsets.UTF_8));
            events.flush();
            return;
          }
          FakeGateApi.event(events, 2, FakeGateApi.gateDecided("cab", "APPROVED", "ok"));
          FakeGateApi.event(events, 3, FakeGateApi.ended("RELEASED", "it RELEASED"));
        });

    // when
    Run run = api.start("--wait", "--timeout", "1m");

    // then
    assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
    assertThat(run.out()).doesNotContain("REJ");
    assertThat(run.out().lines().filter(l -> l.startsWith("readiness"))).hasSize(1);
    assertThat(run.out().lines().filter(l -> l.startsWith("cab"))).hasSize(1);
    assertThat(
            api.received().stream()
                .filter(r -> r.path().endsWith("/events"))
                .map(r -> String.valueOf(r.header("Last-Event-ID"))))
        .containsExactly("null", "1");
  }

  @Test
  void aReleaseStillUndecidedAtTheTimeoutExitsThreeWithoutAVerdict() {
    // given: the stream stays open and silent
    api.startsReleases();
    api.on(
        "/api/v1/releases/rel-1/events",
        (x, n) -> {
          FakeGateApi.events(x).flush();
          try {
            Thread.sleep(5_000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });

    // when
    Run run = api.start("--wait", "--timeout", "1s");

    // then
    assertThat(run.exitCode()).isEqualTo(3);
    assertThat(run.err()).contains("did not end within 1s");
    assertThat(run.out()).doesNotContain("GO").doesNotContain("ended");
  }

  @Test
  void aRefusedStartExitsTwoWithTheProblemOnOneLineAndNeverTheToken() {
    // given
    api.answer(
        "/api/v1/releases",
        422,
        "{\"title\":\"Invalid request\",\"status\":422,"
            + "\"detail\":\"commitSha must be a full 40-character commit SHA\"}");

    // when
    Run run = api.startAt("abc");

    // then
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().lines())
        .containsExactly("rollgate: HTTP 422: commitSha must be a full 40-character commit SHA");
    assertThat(run.out() + run.err()).doesNotContain(FakeGateApi.TOKEN);
  }

  @Test
  void releaseRetrySendsTheJustificationAndPrintsWhereTheReleaseGoesOn() {
    // given
    api.answer(
        "/api/v1/releases/rel-1/retry",
        202,
        "{\"id\":\"rel-1\",\"state\":\"RUNNING\","
            + "\"currentStep\":\"CI status of the commit\",\"incident\":null}");

    // when
    Run run = api.rollgate("release", "retry", "rel-1", "--justification", "GitHub is back");

    // then
    assertThat(run.exitCode()).isEqualTo(0);
    assertThat(run.out().lines())
        .containsExactly("release rel-1 RUNNING: step retried (at: CI status of the commit)");
    assertThat(api.received()).hasSize(1);
    assertThat(api.received().get(0).method()).isEqualTo("POST");
    assertThat(api.received().get(0).body()).isEqualTo("{\"justification\":\"GitHub is back\"}");
  }

  @Test
  void aRetryOfAReleaseNotStoppedExitsTwoWithTheServicesWords() {
    // given
    api.answer(
        "/api/v1/releases/rel-1/retry",
        409,
        "{\"title\":\"No stopped step\",\"status\":409,"
            + "\"detail\":\"release rel-1 is not stopped at an incident\"}");

    // when
    Run run = api.rollgate("release", "retry", "rel-1", "--justification", "just in case");

    // then
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("409").contains("is not stopped at an incident");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void aWrongTokenExitsTwoSayingWhatToCheck() {
    // given
    api.answer(
        "/api/v1/releases/rel-1", 401, "{\"title\":\"Unauthorized\",\"detail\":\"bad token\"}");

    // when
    Run run = api.rollgate("release", "status", "rel-1");

    // then
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("ROLLGATE_TOKEN").doesNotContain(FakeGateApi.TOKEN);
  }

  @Test
  void withoutTheServiceUrlTheCliExitsTwo() {
    // when
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Rollgate.run(
            new String[] {"release", "status", "rel-1"},
            Map.of("ROLLGATE_TOKEN", FakeGateApi.TOKEN),
            new PrintWriter(out, true),
            new PrintWriter(err, true));

    // then
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("ROLLGATE_URL");
  }

  @Test
  void gateWaitAsksAgainUntilTheGateDecidesAndExitsOneOnNoGo() {
    // given: pending, then the service is briefly away, then NO_GO
    api.on(
        "/api/v1/releases/rel-1/gates/readiness",
        (x, n) -> {
          switch (n) {
            case 1 ->
                FakeGateApi.json(x, 200, "{\"status\":\"PENDING\",\"releaseState\":\"RUNNING\"}");
            case 2 -> FakeGateApi.json(x, 503, "{\"title\":\"Engine unavailable\"}");
            default ->
                FakeGateApi.json(
                    x,
                    200,
                    "{\"status\":\"DECIDED\",\"verdict\":\"NO_GO\","
                        + "\"justification\":\"CI is red\",\"releaseState\":\"RUNNING\"}");
          }
        });

    // when
    Run run = api.rollgate("gate", "wait", "rel-1", "readiness", "--timeout", "1m");

    // then
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out().lines())
        .containsExactly(Verdicts.gateLine("readiness", "NO_GO", "CI is red"));
    assertThat(api.received()).hasSize(3);
    assertThat(api.received().get(0).path()).matches(".*wait=PT(1M|[1-5]?[0-9]S)$");
  }

  @Test
  void gateWaitPrintsTheIncidentAReleaseStoppedAtAndExitsOne() {
    // given
    api.answer(
        "/api/v1/releases/rel-1/gates/readiness",
        200,
        "{\"status\":\"STOPPED\",\"releaseState\":\"RUNNING\",\"incident\":"
            + "{\"element\":\"ciStatus\",\"errorType\":\"JOB_NO_RETRIES\","
            + "\"message\":\"GitHub: Not Found\"}}");

    // when
    Run run = api.rollgate("gate", "wait", "rel-1", "readiness", "--timeout", "1m");

    // then
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out().lines())
        .containsExactly(
            Verdicts.gateLine(
                "readiness", "STOPPED", "release stopped at ciStatus: GitHub: Not Found"));
    assertThat(api.received()).hasSize(1);
  }

  @Test
  void gateWaitExitsZeroOnGo() {
    // given
    api.answer(
        "/api/v1/releases/rel-1/gates/cab",
        200,
        "{\"status\":\"DECIDED\",\"verdict\":\"APPROVED\",\"releaseState\":\"RUNNING\"}");

    // when
    Run run = api.rollgate("gate", "wait", "rel-1", "cab", "--output", "json");

    // then
    assertThat(run.exitCode()).isEqualTo(0);
    assertThat(run.out()).contains("\"verdict\":\"APPROVED\"");
  }

  @Test
  void evidenceVerifyRecomputesTheHashesAndCatchesATamperedEntry() throws Exception {
    // given: a pack whose hashes were computed by hand, as the service documents them
    String evidence = "{\"ciGreen\":true,\"openIncidents\":0}";
    String evidenceHash = sha256(evidence);
    String genesis = "0".repeat(64);
    String entry =
        "{\"actor\":\"system\",\"decidedAt\":\"2026-12-06T10:15:30.123456Z\",\"decision\":\"GO\","
            + "\"evidenceHash\":\""
            + evidenceHash
            + "\",\"gate\":\"readiness\",\"justification\":\"all green\",\"previousHash\":\""
            + genesis
            + "\",\"releaseId\":\"rel-1\",\"sequence\":7}";
    String pack =
        "{\"format\":\"rollgate-evidence/1\",\"release\":{\"id\":\"rel-1\"},\"entries\":[{"
            + "\"sequence\":7,\"releaseId\":\"rel-1\",\"gate\":\"readiness\",\"decision\":\"%s\","
            + "\"actor\":\"system\",\"justification\":\"all green\","
            + "\"decidedAt\":\"2026-12-06T10:15:30.123456Z\",\"evidence\":"
            + GateApi.JSON.writeValueAsString(evidence)
            + ",\"evidenceHash\":\""
            + evidenceHash
            + "\",\"previousHash\":\""
            + genesis
            + "\",\"entryHash\":\""
            + sha256(entry)
            + "\"}]}";
    api.answer("/api/v1/releases/rel-1/evidence", 200, pack.formatted("GO"));
    api.answer("/api/v1/releases/rel-2/evidence", 200, pack.formatted("NO_GO"));

    // when
    Run intact = api.rollgate("evidence", "get", "rel-1", "--verify");
    Run tampered = api.rollgate("evidence", "get", "rel-2", "--verify");

    // then
    assertThat(intact.exitCode()).isEqualTo(0);
    assertThat(intact.out()).contains("verified: 1 decisions of rel-1");
    assertThat(tampered.exitCode()).isEqualTo(1);
    assertThat(tampered.out()).contains("MISMATCH entry 7 (readiness): its fields do not hash");
  }

  @Test
  void helpListsTheExitCodes() {
    // when
    Run run = api.rollgate("--help");

    // then
    assertThat(run.exitCode()).isEqualTo(0);
    assertThat(run.out())
        .contains("0   released, or the gate said GO")
        .contains("3   timed out waiting")
        .contains("ROLLGATE_TOKEN");
  }

  @Test
  void releaseAbortDescribesWaitTimeoutAndOutputAsReleaseStartDoes() {
    // when
    String start = api.rollgate("release", "start", "--help").out();
    String abort = api.rollgate("release", "abort", "--help").out();

    // then
    for (String option : List.of("--wait", "--timeout=<timeout>", "--output=<output>")) {
      assertThat(optionHelp(abort, option)).isNotEmpty().isEqualTo(optionHelp(start, option));
    }
    assertThat(optionHelp(abort, "--output=<output>"))
        .singleElement()
        .asString()
        .endsWith("human or json (default: human)");
  }

  /** The lines of {@code help} that describe {@code option}: its own and those that go on. */
  private static List<String> optionHelp(String help, String option) {
    List<String> lines = new ArrayList<>();
    for (String line : help.lines().toList()) {
      if (line.strip().startsWith(option + " ")) {
        lines.add(line);
      } else if (!lines.isEmpty() && line.startsWith(" ".repeat(30))) {
        lines.add(line);
      } else if (!lines.isEmpty()) {
        break;
      }
    }
    return lines;
  }

  private static String sha256(String text) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
