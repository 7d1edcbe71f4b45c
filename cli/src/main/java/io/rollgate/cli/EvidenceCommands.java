package io.rollgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code rollgate evidence get}. */
@Command(
    name = "evidence",
    description = "Fetch and verify a release's evidence pack.",
    mixinStandardHelpOptions = true)
final class EvidenceCommands {

  @ParentCommand Rollgate root;

  @Command(
      name = "get",
      description = {
        "Print the evidence pack (JSON), or save it with --file.",
        "--verify recomputes every snapshot hash and decision-log entry hash offline: exit 1 when"
            + " one does not match."
      },
      mixinStandardHelpOptions = true)
  int get(
      @Parameters(paramLabel = "RELEASE") String releaseId,
      @Option(names = "--verify", description = "recompute the hashes") boolean verify,
      @Option(names = "--file", description = "write the pack here instead of stdout") Path file) {
    JsonNode pack = root.api().get("/api/v1/releases/" + GateApi.encode(releaseId) + "/evidence");
    String json;
    try {
      json = GateApi.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(pack);
      if (file != null) {
        Files.writeString(file, json + "\n");
      }
    } catch (IOException e) {
      throw new CliException(ExitCode.ERROR, "cannot write " + file + ": " + e.getMessage());
    }
    if (file == null && !verify) {
      root.print(json);
    }
    if (!verify) {
      return ExitCode.GO;
    }
    List<String> problems = EvidenceCheck.problems(pack);
    problems.forEach(p -> root.print("MISMATCH " + p));
    if (!problems.isEmpty()) {
      root.note("rollgate: the evidence of " + releaseId + " does not verify");
      return ExitCode.NO_GO;
    }
    root.print(
        "verified: "
            + pack.path("entries").size()
            + " decisions of "
            + releaseId
            + ", every snapshot and entry hash recomputes");
    return ExitCode.GO;
  }
}
