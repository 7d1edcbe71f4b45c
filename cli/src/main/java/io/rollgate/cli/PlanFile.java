package io.rollgate.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A release's plan from {@code --plan FILE}: its cutover steps and rollout ({@code cutoverSteps},
 * {@code waves}, {@code bakeTime}) in JSON, or YAML when the file's name does not end in {@code
 * .json}, with the members and shapes the gate API's release request takes. Whether the plan can
 * run is the service's to say; this only refuses a file that is not such a plan, naming the file
 * and what is wrong in one line, before anything is sent.
 */
final class PlanFile {

  private static final List<String> MEMBERS = List.of("cutoverSteps", "waves", "bakeTime");

  private static final List<String> STEP_MEMBERS =
      List.of("name", "kind", "ci", "repository", "pipeline", "instructions", "rollback");

  private static final List<String> ROLLBACK_MEMBERS =
      List.of("kind", "ci", "repository", "pipeline", "instructions");

  private static final ObjectMapper YAML = new YAMLMapper();

  private final Path path;

  private PlanFile(Path path) {
    this.path = path;
  }

  /**
   * The plan's members as the request takes them.
   *
   * @throws CliException (exit 2) when the file cannot be read or is not a plan
   */
  static ObjectNode read(Path path) {
    return new PlanFile(path).read();
  }

  private ObjectNode read() {
    String text;
    try {
      text = Files.readString(path);
    } catch (NoSuchFileException e) {
      throw invalid("no such file");
    } catch (AccessDeniedException e) {
      throw invalid("cannot be read: permission denied");
    } catch (CharacterCodingException e) {
      throw invalid("is not UTF-8 text");
    } catch (IOException e) {
      throw invalid("cannot be read: " + e.getMessage());
    }
    boolean json = path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
    JsonNode plan = parse(text, json ? GateApi.JSON : YAML, json ? "JSON" : "YAML");
    if (plan == null || plan.isMissingNode() || plan.isNull()) {
      throw invalid("is empty; a plan holds " + String.join(", ", MEMBERS));
    }
    if (!plan.isObject()) {
      throw invalid("must be an object with " + String.join(", ", MEMBERS));
    }
    onlyKnown(plan, MEMBERS, "", "a plan");
    checkSteps(plan.get("cutoverSteps"));
    checkWaves(plan.get("waves"));
    checkBakeTime(plan.get("bakeTime"));
    return (ObjectNode) plan;
  }

  private JsonNode parse(String text, ObjectMapper mapper, String format) {
    try {
      return mapper.readTree(text);
    } catch (JsonProcessingException e) {
      throw invalid("is not valid " + format + where(e.getLocation()) + ": " + why(e));
    }
  }

  private static String where(JsonLocation at) {
    return at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
  }

  /** SnakeYAML says what it was parsing, then what it found: the second is what to fix. */
  private static String why(JsonProcessingException e) {
    if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblem() != null) {
      return yaml.getProblem();
    }
    String message = String.valueOf(e.getOriginalMessage());
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  private void checkSteps(JsonNode steps) {
    if (steps == null) {
      return;
    }
    if (!steps.isArray() || steps.isEmpty()) {
      throw invalid("cutoverSteps must be a list of steps, each with a name and a kind");
    }
    for (int i = 0; i < steps.size(); i++) {
      JsonNode step = steps.get(i);
      String field = "cutoverSteps[" + i + "]";
      if (!step.isObject()) {
        throw invalid(field + " must be a step with a name and a kind");
      }
      onlyKnown(step, STEP_MEMBERS, field + " ", "a step");
      JsonNode rollback = step.get("rollback");
      if (rollback != null && !rollback.isObject()) {
        throw invalid(field + ".rollback must be an object with a kind");
      }
      if (rollback != null) {
        onlyKnown(rollback, ROLLBACK_MEMBERS, field + ".rollback ", "a rollback");
      }
    }
  }

  private void checkWaves(JsonNode waves) {
    if (waves == null) {
      return;
    }
    boolean percentages = waves.isArray() && !waves.isEmpty();
    for (JsonNode wave : waves) {
      percentages &= wave.isIntegralNumber();
    }
    if (!percentages) {
      throw invalid("waves must be a list of whole percentages, for example [1, 10, 50, 100]");
    }
  }

  private void checkBakeTime(JsonNode bakeTime) {
    if (bakeTime != null && !(bakeTime.isTextual() && isDuration(bakeTime.asText()))) {
      throw invalid("bakeTime must be an ISO-8601 duration such as PT10M, not " + bakeTime);
    }
  }

  private static boolean isDuration(String text) {
    try {
      Duration.parse(text);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  /** {@code at} is empty for the plan itself, else the member's path and a space. */
  private void onlyKnown(JsonNode node, List<String> members, String at, String kind) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!members.contains(name)) {
        throw invalid(
            at
                + "has an unknown member '"
                + name
                + "'; "
                + kind
                + " holds "
                + String.join(", ", members));
      }
    }
  }

  private CliException invalid(String problem) {
    return new CliException(ExitCode.ERROR, "plan " + path + ": " + problem);
  }
}
