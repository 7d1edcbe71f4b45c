package io.rollgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code rollgate token create}. */
@Command(
    name = "token",
    description = "Manage API tokens (admin).",
    mixinStandardHelpOptions = true)
final class TokenCommands {

  @ParentCommand Rollgate root;

  @Command(
      name = "create",
      description = "Create an API token; it is printed once, on stdout, and never again.",
      mixinStandardHelpOptions = true)
  int create(
      @Option(names = "--name", required = true, description = "e.g. shop-pipeline") String name,
      @Option(
              names = "--role",
              required = true,
              description = "viewer, pipeline, release-manager, cab or admin; repeatable")
          List<String> roles,
      @Option(names = "--expires-at", description = "ISO-8601 instant") String expiresAt,
      @Mixin OutputOption output) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("roles", roles);
    if (expiresAt != null) {
      body.put("expiresAt", expiresAt);
    }
    JsonNode created = root.api().post("/api/v1/tokens", body, Map.of());
    if (output.json()) {
      root.print(Output.json(created));
    } else {
      root.print(created.path("token").asText());
      root.note("token " + name + " created with roles " + roles + "; it is shown only this once");
    }
    return ExitCode.GO;
  }
}
