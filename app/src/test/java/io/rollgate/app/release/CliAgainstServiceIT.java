package io.rollgate.app.release;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollgate.app.support.ReleaseRequests;
import io.rollgate.app.support.RunningService;
import io.rollgate.cli.Rollgate;
import io.rollgate.sandbox.launcher.Sandbox;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The {@code rollgate} CLI against the running service: the verdicts it prints and exits with are
 * the ones the API recorded, and the evidence it verifies offline is the service's.
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

  @Test
  void aReleaseThatIsNotReadyExitsOneForTheCliTheGateAndTheStreamAlike() {
    // given: a commit CI never built
    String pipeline = pipelineToken("cli-no-go");

    // when
    Run start =
        rollgate(
            pipeline,
            "release",
            "start",
            "--service",
            "checkout",
            "--version",
            "10.1.0",
            "--commit",
            "0123456789abcdef0123456789abcdef01234567",
            "--env",
            "production",
            "--repository",
            "acme/shop",
            "--wait",
            "--timeout",
            "2m",
            "--output",
            "json");

    // then
    assertThat(start.exitCode()).as(start.out() + start.err()).isEqualTo(1);
    assertThat(start.out()).contains("\"state\":\"NOT_READY\"");
    String id =
        start.out().lines().findFirst().orElseThrow().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
    Run gate = rollgate(pipeline, "gate", "wait", id, "readiness");
    assertThat(gate.exitCode()).isEqualTo(1);
    assertThat(gate.out()).contains("NO_GO");
    Answer record =
        call("GET", "/api/v1/releases/" + id + "/gates/readiness", pipeline, null, null);
    assertThat(record.json().path("verdict").asText()).isEqualTo("NO_GO");
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
