package io.rollgate.app.record;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one JSON form that evidence and decision-log entries are hashed in: object keys sorted at
 * every level, no whitespace, numbers as Jackson writes them (decimals exactly, never in exponent
 * form), instants and other {@code java.time} values as ISO-8601 strings, UTF-8. Two values that
 * mean the same JSON give the same text, whatever the order their maps were built in.
 *
 * <p>The form is persisted through the hashes: changing it breaks every stored chain.
 */
public final class CanonicalJson {

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
          .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

  private CanonicalJson() {}

  /**
   * The canonical JSON of a value: a map, list, record, string, number, boolean or null.
   *
   * @throws IllegalArgumentException when Jackson cannot write the value
   */
  public static String of(Object value) {
    try {
      return MAPPER.writeValueAsString(sorted(MAPPER.valueToTree(value)));
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new IllegalArgumentException("cannot write as canonical JSON: " + e.getMessage(), e);
    }
  }

  /** SHA-256 of the text's UTF-8 bytes, as 64 lowercase hex digits. */
  public static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** Reads a JSON object (as stored) back into a map whose keys keep the stored order. */
  static Map<String, Object> readObject(String json) {
    try {
      Map<String, Object> map =
          MAPPER.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {});
      return map == null ? new LinkedHashMap<>() : map;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON is not an object: " + e.getMessage(), e);
    }
  }

  private static JsonNode sorted(JsonNode node) {
    if (node == null) {
      return MAPPER.getNodeFactory().nullNode();
    }
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      names.sort(null);
      ObjectNode copy = MAPPER.getNodeFactory().objectNode();
      for (String name : names) {
        copy.set(name, sorted(node.get(name)));
      }
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = MAPPER.getNodeFactory().arrayNode();
      node.forEach(element -> copy.add(sorted(element)));
      return copy;
    }
    return node;
  }
}
