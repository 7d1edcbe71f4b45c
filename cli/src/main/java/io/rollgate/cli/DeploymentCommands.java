package io.rollgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code rollgate deployment report}. */
@Command(
    name = "deployment",
    description = "Report deploy steps of a pipeline that deploys itself.",
    mixinStandardHelpOptions = true)
final class DeploymentCommands {

  @ParentCommand Rollgate root;

  @Command(
      name = "report",
      description =
          "Report a deploy step's result; Rollgate records it and continues or rolls back.",
      mixinStandardHelpOptions = true)
  int report(
      @Parameters(paramLabel = "RELEASE") String releaseId,
      @Option(names = "--step", required = true, description = "the step, e.g. deploy-eu")
          String step,
      @Option(names = "--result", required = true, description = "success or failure")
          String result,
      @Option(names = "--url", description = "the deploy run") String url,
      @Option(names = "--digest", description = "the artifact deployed, e.g. sha256:...")
          String digest,
      @Mixin OutputOption output) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("step", step);
    body.put("result", result);
    if (url != null) {
      body.put("url", url);
    }
    if (digest != null) {
      body.put("artifactDigest", digest);
    }
    JsonNode answer =
        root.api()
            .post("/api/v1/releases/" + GateApi.encode(releaseId) + "/deployments", body, Map.of());
    root.print(
        output.json()
            ? Output.json(answer)
            : "deployment "
                + step
                + " of "
                + releaseId
                + " recorded: "
                + answer.path("decision").asText());
    return ExitCode.GO;
  }
}
