package io.rollgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code rollgate gate wait}. */
@Command(name = "gate", description = "Wait for a release's gate.", mixinStandardHelpOptions = true)
final class GateCommands {

  /** The longest single long poll the service allows. */
  private static final Duration MAX_POLL = Duration.ofMinutes(10);

  private static final Duration RETRY = Duration.ofSeconds(2);

  @ParentCommand Rollgate root;

  @Command(
      name = "wait",
      description = {
        "Wait until the gate decides: exit 0 on GO (or APPROVED, HEALTHY), 1 on NO-GO (or"
            + " REJECTED, UNHEALTHY) and when the release ended before the gate, 3 at --timeout.",
        "Gates: readiness, cab, go-no-go, rollout, health-check."
      },
      mixinStandardHelpOptions = true)
  int await(
      @Parameters(index = "0", paramLabel = "RELEASE") String releaseId,
      @Parameters(index = "1", paramLabel = "GATE") String gate,
      @Option(
              names = "--timeout",
              defaultValue = "2h",
              converter = Durations.class,
              description = "the longest wait (default: ${DEFAULT-VALUE})")
          Duration timeout,
      @Mixin OutputOption output) {
    GateApi api = root.api();
    Instant deadline = Instant.now().plus(timeout);
    String path =
        "/api/v1/releases/" + GateApi.encode(releaseId) + "/gates/" + GateApi.encode(gate);
    while (true) {
      Duration left = Duration.between(Instant.now(), deadline);
      if (left.isNegative() || left.isZero()) {
        throw new CliException(
            ExitCode.TIMED_OUT,
            "gate "
                + gate
                + " of "
                + releaseId
                + " was not decided within "
                + Durations.format(timeout));
      }
      Duration poll = left.compareTo(MAX_POLL) > 0 ? MAX_POLL : left;
      poll = Duration.ofSeconds(Math.max(1, poll.toSeconds()));
      JsonNode status;
      try {
        status = api.getWaiting(path + "?wait=" + poll, poll.plusSeconds(30));
      } catch (GateApi.Unreachable e) {
        // a dropped connection or a restarting service: ask again, never guess the verdict
        root.note("rollgate: " + e.getMessage() + "; asking again");
        sleep(RETRY);
        continue;
      }
      String state = status.path("status").asText();
      if ("PENDING".equals(state)) {
        continue;
      }
      if (output.json()) {
        root.print(Output.json(status));
      }
      if ("DECIDED".equals(state)) {
        String verdict = status.path("verdict").asText();
        if (!output.json()) {
          root.print(Verdicts.gateLine(gate, verdict, Verdicts.text(status, "justification")));
        }
        return Verdicts.ofGate(verdict);
      }
      if (!output.json()) {
        root.print(Verdicts.gateLine(gate, state, undecidedBecause(status)));
      }
      return ExitCode.NO_GO;
    }
  }

  /** Why a gate will not be decided: the release ended, or stands at an incident in the engine. */
  private static String undecidedBecause(JsonNode status) {
    JsonNode incident = status.path("incident");
    if (incident.isObject()) {
      return "release stopped at "
          + incident.path("element").asText()
          + ": "
          + incident.path("message").asText();
    }
    return "release ended " + status.path("releaseState").asText() + " before it";
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(ExitCode.ERROR, "interrupted");
    }
  }
}
