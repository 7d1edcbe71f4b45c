package io.rollgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which option of {@code release start} gives each member of the release request, so that a start
 * the service refuses (422) says which option to add or change, e.g. {@code changeModel
 * (--change-model) is required: ...} for a service without configured defaults.
 */
final class StartOptions {

  /** The members the CLI takes from the CI's environment have no option and are left out. */
  private static final Map<String, String> OPTION_OF_MEMBER =
      Map.ofEntries(
          Map.entry("service", "--service"),
          Map.entry("version", "--version"),
          Map.entry("commitSha", "--commit"),
          Map.entry("environment", "--env"),
          Map.entry("changeModel", "--change-model"),
          Map.entry("repository", "--repository"),
          Map.entry("deployWorkflow", "--deploy-workflow"),
          Map.entry("flagKey", "--flag"),
          Map.entry("windowStart", "--window-start"),
          Map.entry("windowEnd", "--window-end"),
          Map.entry("waves", "--waves or --plan"),
          Map.entry("bakeTime", "--bake-time or --plan"),
          Map.entry("cutoverSteps", "--plan"),
          Map.entry("ciWorkflow", "--ci-workflow"),
          Map.entry("runbookUrl", "--runbook-url"),
          Map.entry("rollbackPlanUrl", "--rollback-plan-url"),
          Map.entry("testReportUrl", "--test-report-url"),
          Map.entry("testPassRatio", "--test-pass-ratio"),
          Map.entry("Idempotency-Key", "--idempotency-key"));

  private StartOptions() {}

  /**
   * The refusal as one line that names each rejected field with its option; fields with the same
   * message share it. The refusal itself when its problem names no field.
   */
  static CliException explain(GateApi.Refused refused) {
    JsonNode errors = refused.errors();
    if (errors.isEmpty()) {
      return refused;
    }
    Map<String, List<String>> fieldsByMessage = new LinkedHashMap<>();
    for (JsonNode error : errors) {
      fieldsByMessage
          .computeIfAbsent(error.path("message").asText(), m -> new ArrayList<>())
          .add(withOption(error.path("field").asText()));
    }
    List<String> parts = new ArrayList<>();
    fieldsByMessage.forEach(
        (message, fields) -> {
          String names = String.join(", ", fields.stream().filter(f -> !f.isEmpty()).toList());
          parts.add(names.isEmpty() ? message : names + " " + message);
        });
    return new CliException(
        refused.exitCode(), "HTTP " + refused.status() + ": " + String.join("; ", parts));
  }

  /** {@code cutoverSteps[1].pipeline (--plan)}: a nested field is given by its top member. */
  private static String withOption(String field) {
    String member = field.split("[.\\[]", 2)[0];
    String option = OPTION_OF_MEMBER.get(member);
    return option == null ? field : field + " (" + option + ")";
  }
}
