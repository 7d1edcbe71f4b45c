package io.rollgate.app.release;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rollgate.app.support.Cab;
import io.rollgate.app.support.EventStream;
import io.rollgate.app.support.EventStream.Event;
import io.rollgate.app.support.OutsideWorld;
import io.rollgate.app.support.ReleaseRequests;
import io.rollgate.app.support.RunningService;
import io.rollgate.cli.Rollgate;
import io.rollgate.processes.Lifecycle;
import io.rollgate.sandbox.launcher.Sandbox;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The {@code rollgate} CLI against the running service: the verdicts it prints and exits with are
 * the ones the API recorded, and the evidence it verifies offline is the service's. Releases run
 * from start to outcome against the sandbox (released, not ready, rejected by the CAB, rolled back)
 * and a waiting long poll, the event stream and the CLI's exit code say the same of each.
 */
class CliAgainstServiceIT extends RunningService {

  @Autowired private Sandbox sandbox;

  /** How a CLI run ended. */
  record Run(int exitCode, String out, String err) {}

  private Run rollgate(String token, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Rollgate.run(
            args,
            Map.of("ROLLGATE_URL", uri("").toString(), "ROLLGATE_TOKEN", token),
            new PrintWriter(out, true),
            new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  private String pipelineToken(String name) {
    Run created = rollgate(ADMIN_TOKEN, "token", "create", "--name", name, "--role", "pipeline");
    assertThat(created.exitCode()).as(created.err()).isEqualTo(0);
    return created.out().strip();
  }

  @Test
  void aStandardReleaseStartedAndFollowedByTheCliExitsZeroAndItsEvidenceVerifies() {
    // given
    String pipeline = pipelineToken("cli-go");

    // when
    Run start =
        rollgate(
            pipeline,
            "release",
            "start",
            "--service",
            "checkout",
            "--version",
            "10.0.0",
            "--commit",
            ReleaseRequests.greenCommit(sandbox),
            "--env",
            "production",
            "--change-model",
            "standard",
            "--repository",
            "acme/shop",
            "--flag",
            "checkout-v2",
            "--waves",
            "50,100",
            "--bake-time",
            "1s",
            "--runbook-url",
            "https://wiki.example/runbooks/checkout",
            "--rollback-plan-url",
            "https://wiki.example/rollback/checkout",
            "--test-report-url",
            "https://ci.example/reports/latest",
            "--test-pass-ratio",
            "1",
            "--wait",
            "--timeout",
            "2m");

    // then
    assertThat(start.exitCode()).as(start.out() + start.err()).isEqualTo(0);
    assertThat(start.out()).contains("readiness").contains("ended RELEASED");
    String id = start.out().lines().findFirst().orElseThrow().split(" ")[1];
    Answer record = call("GET", "/api/v1/releases/" + id, pipeline, null, null);
    assertThat(record.json().path("state").asText()).isEqualTo("RELEASED");
    Run gate = rollgate(pipeline, "gate", "wait", id, "readiness");
    assertThat(gate.exitCode()).isEqualTo(0);
    Run evidence = rollgate(pipeline, "evidence", "get", id, "--verify");
    assertThat(evidence.exitCode()).as(evidence.out()).isEqualTo(0);
    assertThat(evidence.out()).startsWith("verified: ");
    assertThat(start.out() + start.err() + evidence.out()).doesNotContain(pipeline);
  }

  /** How a release ends, and what every view a pipeline has of it says then. */
  enum Ending {
    RELEASED("gates-go", "standard", Lifecycle.Gates.READINESS, "GO", 0),
    NOT_READY("gates-no-go", "normal", Lifecycle.Gates.READINESS, "NO_GO", 1),
    REJECTED("gates-rejected", "normal", Lifecycle.Gates.CAB, "REJECTED", 1),
    ROLLED_BACK("gates-rolled-back", "standard", Lifecycle.Gates.HEALTH_CHECK, "UNHEALTHY", 1);

    final String service;
    final String changeModel;
    final String gate;
    final String verdict;
    final int exitCode;

    Ending(String service, String changeModel, String gate, String verdict, int exitCode) {
      this.service = service;
      this.changeModel = changeModel;
      this.gate = gate;
      this.verdict = verdict;
      this.exitCode = exitCode;
    }
  }

  /** A commit CI never built: readiness cannot pass. */
  private static final String NEVER_BUILT = "0123456789abcdef0123456789abcdef01234567";

  private static final Duration TO_THE_END = Duration.ofMinutes(5);

  @ParameterizedTest
  @EnumSource(Ending.class)
  void theLongPollTheEventStreamAndTheCliExitCodeAgreeOnHowAReleaseEnds(Ending ending)
      throws Exception {
    // given
    String pipeline = pipelineToken("cli-" + ending.service);
    String commit = ending == Ending.NOT_READY ? NEVER_BUILT : ReleaseRequests.greenCommit(sandbox);
    ExecutorService waiting = Executors.newFixedThreadPool(4);
    try {
      // when: the pipeline starts the release and follows it to its end, while a long poll, the
      // event stream and a second CLI wait on the gate that decides it
      Future<Run> pipelineRun = waiting.submit(() -> rollgate(pipeline, start(ending, commit)));
      String id = awaitReleaseOf(pipeline, ending.service, pipelineRun);
      String gatePath = "/api/v1/releases/" + id + "/gates/" + ending.gate;
      Future<JsonNode> longPoll = waiting.submit(() -> longPoll(pipeline, gatePath));
      Future<List<Event>> stream =
          waiting.submit(
              () ->
                  EventStream.read(
                      uri("/api/v1/releases/" + id + "/events"), pipeline, null, TO_THE_END));
      Future<Run> gateWait =
          waiting.submit(
              () -> rollgate(pipeline, "gate", "wait", id, ending.gate, "--timeout", "5m"));
      happen(ending, pipeline, id);
      Run started = pipelineRun.get(TO_THE_END.toMinutes(), TimeUnit.MINUTES);
      JsonNode polled = longPoll.get(TO_THE_END.toMinutes(), TimeUnit.MINUTES);
      List<Event> events = stream.get(TO_THE_END.toMinutes(), TimeUnit.MINUTES);
      Run gate = gateWait.get(TO_THE_END.toMinutes(), TimeUnit.MINUTES);

      // then
      assertThat(started.exitCode()).as(started.out() + started.err()).isEqualTo(ending.exitCode);
      assertThat(started.out()).contains("\"state\":\"" + ending.name() + "\"");
      assertThat(polled.path("status").asText()).as(polled.toString()).isEqualTo("DECIDED");
      assertThat(polled.path("verdict").asText()).isEqualTo(ending.verdict);
      assertThat(events)
          .filteredOn(e -> "gate-decided".equals(e.name()))
          .filteredOn(e -> ending.gate.equals(e.data().path("gate").asText()))
          .first()
          .extracting(e -> e.data().path("verdict").asText())
          .isEqualTo(ending.verdict);
      Event last = events.get(events.size() - 1);
      assertThat(last.name()).isEqualTo("release-ended");
      assertThat(last.data().path("state").asText()).isEqualTo(ending.name());
      assertThat(gate.exitCode()).as(gate.out() + gate.err()).isEqualTo(ending.exitCode);
      assertThat(gate.out()).contains(ending.verdict);
      JsonNode record = call("GET", "/api/v1/releases/" + id, pipeline, null, null).json();
      assertThat(record.path("state").asText()).isEqualTo(ending.name());
    } finally {
      waiting.shutdownNow();
    }
  }

  /** {@code rollgate release start --wait} as a pipeline runs it, machine-readable. */
  private static String[] start(Ending ending, String commit) {
    return new String[] {
      "release",
      "start",
      "--service",
      ending.service,
      "--version",
      "11.0." + ending.ordinal(),
      "--commit",
      commit,
      "--env",
      "production",
      "--change-model",
      ending.changeModel,
      "--repository",
      "acme/shop",
      // readiness counts the build's run on the commit, not the deploy runs of other releases
      "--ci-workflow",
      "build.yml",
      "--flag",
      "checkout-v2",
      "--waves",
      "50,100",
      // long enough for the regression to be there at the first wave's health check
      "--bake-time",
      ending == Ending.ROLLED_BACK ? "8s" : "1s",
      "--runbook-url",
      "https://wiki.example/runbooks/" + ending.service,
      "--rollback-plan-url",
      "https://wiki.example/rollback/" + ending.service,
      "--test-report-url",
      "https://ci.example/reports/" + ending.service,
      "--test-pass-ratio",
      "1",
      "--wait",
      "--timeout",
      "5m",
      "--output",
      "json"
    };
  }

  /** What the outside world does to the release: the CAB rejects it, or the service regresses. */
  private void happen(Ending ending, String pipeline, String id) throws Exception {
    switch (ending) {
      case REJECTED -> {
        String number = Cab.awaitChangeOf(sandbox, id);
        Cab.rejectWhenAsked(sandbox, number, "load test results missing");
      }
      case ROLLED_BACK -> {
        JsonNode rollout = longPoll(pipeline, "/api/v1/releases/" + id + "/gates/rollout");
        assertThat(rollout.path("verdict").asText()).as(rollout.toString()).isEqualTo("SERVED");
        OutsideWorld.openIncident(sandbox, ending.service, "1");
      }
      default -> {
        // readiness decides alone
      }
    }
  }

  /** A pipeline's long poll on a gate, waiting up to five minutes. */
  private JsonNode longPoll(String token, String gatePath) {
    HttpRequest request =
        HttpRequest.newBuilder(uri(gatePath + "?wait=PT5M"))
            .header("Authorization", "Bearer " + token)
            .timeout(TO_THE_END.plusMinutes(1))
            .GET()
            .build();
    return send(request).json();
  }

  /** The id of the release the pipeline started for the service, once the API shows it. */
  private String awaitReleaseOf(String token, String service, Future<Run> pipeline)
      throws Exception {
    Instant deadline = Instant.now().plusSeconds(60);
    while (Instant.now().isBefore(deadline)) {
      if (pipeline.isDone() && pipeline.get().exitCode() == 2) {
        throw new AssertionError("the pipeline could not start: " + pipeline.get().err());
      }
      JsonNode page = call("GET", "/api/v1/releases?service=" + service, token, null, null).json();
      if (page.path("items").size() > 0) {
        return page.path("items").get(0).path("id").asText();
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no release of " + service + " was started");
  }

  @Test
  void anInvalidStartIsAnErrorExitNamingTheField() {
    // given
    String pipeline = pipelineToken("cli-invalid");

    // when
    Run start =
        rollgate(
            pipeline,
            "release",
            "start",
            "--service",
            "checkout",
            "--version",
            "10.2.0",
            "--commit",
            "not-a-sha",
            "--env",
            "production",
            "--repository",
            "acme/shop");

    // then
    assertThat(start.exitCode()).isEqualTo(2);
    assertThat(start.err()).startsWith("rollgate: HTTP 422: ").contains("commitSha");
  }
}
