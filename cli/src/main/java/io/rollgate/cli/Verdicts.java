package io.rollgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/** How verdicts and release endings map to exit codes. */
final class Verdicts {

  private static final Set<String> PASSING =
      Set.of("GO", "GO_WITH_RISK", "APPROVED", "HEALTHY", "SERVED", "DEPLOYED");

  private Verdicts() {}

  static int ofGate(String verdict) {
    return PASSING.contains(verdict) ? ExitCode.GO : ExitCode.NO_GO;
  }

  static int ofRelease(String state) {
    return switch (state) {
      case "RELEASED" -> ExitCode.GO;
      case "FAILED" -> ExitCode.ERROR;
      default -> ExitCode.NO_GO;
    };
  }

  /** An abort did what was asked when the release ended ABORTED, not when it ended otherwise. */
  static int ofAbort(String state) {
    return "ABORTED".equals(state) ? ExitCode.GO : ExitCode.NO_GO;
  }

  /** {@code readiness GO reasons}: one line per decided gate. */
  static String gateLine(String gate, String verdict, String reasons) {
    return String.format(
        "%-13s %-13s %s", gate, verdict, reasons == null || "null".equals(reasons) ? "" : reasons);
  }

  static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isMissingNode() || value.isNull() ? null : value.asText();
  }
}
