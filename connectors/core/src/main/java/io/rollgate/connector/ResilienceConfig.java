package io.rollgate.connector;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resilience settings of every outside system, from YAML: a shared {@code defaults} block and a
 * block per system under {@code systems} that overrides some of it.
 *
 * <pre>
 * defaults:
 *   connect-timeout: 2s
 *   max-attempts: 4
 * systems:
 *   servicenow:
 *     read-timeout: 20s
 * </pre>
 *
 * The built-in file is {@code rollgate-resilience.yaml} on the class path; {@link #load(Path)}
 * reads an operator's file layered over it.
 */
public final class ResilienceConfig {

  private static final String BUILT_IN = "rollgate-resilience.yaml";
  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .registerModule(
              new SimpleModule().addDeserializer(Duration.class, new DurationDeserializer()));

  private final ObjectNode tree;

  private ResilienceConfig(ObjectNode tree) {
    this.tree = tree;
  }

  /** The built-in settings. */
  public static ResilienceConfig builtIn() {
    try (InputStream in = ResilienceConfig.class.getClassLoader().getResourceAsStream(BUILT_IN)) {
      if (in == null) {
        throw new IllegalStateException(BUILT_IN + " is missing from the class path");
      }
      return new ResilienceConfig(readObject(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The built-in settings with the given file's values layered over them. */
  public static ResilienceConfig load(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return builtIn().overriddenBy(readObject(in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read resilience settings " + file, e);
    }
  }

  /** These settings with the given YAML text layered over them. */
  public ResilienceConfig overriddenBy(String yaml) {
    try {
      return overriddenBy((ObjectNode) YAML.readTree(yaml));
    } catch (IOException | ClassCastException e) {
      throw new IllegalArgumentException("resilience settings are not a YAML mapping: " + e, e);
    }
  }

  private ResilienceConfig overriddenBy(ObjectNode overrides) {
    ObjectNode merged = tree.deepCopy();
    merge(merged, overrides);
    return new ResilienceConfig(merged);
  }

  /**
   * The settings of {@code system}: the defaults with its own block over them.
   *
   * @throws IllegalArgumentException when a value is missing, unknown or out of range
   */
  public ResilienceSettings settingsFor(String system) {
    ObjectNode effective =
        tree.has("defaults")
            ? ((ObjectNode) tree.get("defaults")).deepCopy()
            : YAML.createObjectNode();
    JsonNode own = tree.path("systems").path(system);
    if (own.isObject()) {
      merge(effective, (ObjectNode) own);
    }
    try {
      return YAML.treeToValue(effective, ResilienceSettings.class);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "resilience settings of '" + system + "' are invalid: " + e.getMessage(), e);
    }
  }

  private static ObjectNode readObject(InputStream in) throws IOException {
    JsonNode node = YAML.readTree(in);
    if (!(node instanceof ObjectNode object)) {
      throw new IOException("resilience settings must be a YAML mapping");
    }
    return object;
  }

  private static void merge(ObjectNode target, ObjectNode source) {
    Iterator<Map.Entry<String, JsonNode>> fields = source.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode existing = target.get(field.getKey());
      if (existing instanceof ObjectNode existingObject && field.getValue().isObject()) {
        merge(existingObject, (ObjectNode) field.getValue());
      } else {
        target.set(field.getKey(), field.getValue());
      }
    }
  }

  /** Reads {@code 250ms}, {@code 2s}, {@code 5m}, {@code 1h} or an ISO-8601 duration. */
  static Duration parseDuration(String text) {
    String value = text.trim();
    Matcher m = SHORT_DURATION.matcher(value);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      switch (m.group(2)) {
        case "ms":
          return Duration.ofMillis(n);
        case "s":
          return Duration.ofSeconds(n);
        case "m":
          return Duration.ofMinutes(n);
        default:
          return Duration.ofHours(n);
      }
    }
    try {
      return Duration.parse(value);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a duration; write 500ms, 2s, 1m, 1h or ISO-8601 like PT2S");
    }
  }

  private static final class DurationDeserializer extends StdDeserializer<Duration> {
    DurationDeserializer() {
      super(Duration.class);
    }

    @Override
    public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      return parseDuration(p.getValueAsString());
    }
  }
}
