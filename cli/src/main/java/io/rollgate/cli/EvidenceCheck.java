package io.rollgate.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Recomputes an evidence pack's hashes offline, from the pack alone: each snapshot's SHA-256, each
 * decision-log entry's hash, and the links between consecutive entries. The canonical JSON form is
 * the service's documented one: keys sorted at every level, no whitespace, decimals written
 * plainly, UTF-8.
 */
final class EvidenceCheck {

  private static final ObjectMapper CANONICAL =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
          .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

  private EvidenceCheck() {}

  /** What does not check out, one line each; empty when every hash recomputes. */
  static List<String> problems(JsonNode pack) {
    List<String> problems = new ArrayList<>();
    if (!"rollgate-evidence/1".equals(pack.path("format").asText())) {
      problems.add("unknown evidence format '" + pack.path("format").asText() + "'");
      return problems;
    }
    JsonNode previous = null;
    for (JsonNode entry : pack.path("entries")) {
      String at =
          "entry " + entry.path("sequence").asText() + " (" + entry.path("gate").asText() + ")";
      String evidence = entry.path("evidence").asText(null);
      if (evidence == null) {
        problems.add(at + ": its evidence snapshot is missing");
      } else {
        if (!sha256(evidence).equals(entry.path("evidenceHash").asText())) {
          problems.add(at + ": the evidence snapshot does not hash to its evidenceHash");
        }
      }
      if (!entryHash(entry).equals(entry.path("entryHash").asText())) {
        problems.add(at + ": its fields do not hash to its entryHash");
      }
      if (previous != null
          && entry.path("sequence").asLong() == previous.path("sequence").asLong() + 1
          && !entry.path("previousHash").asText().equals(previous.path("entryHash").asText())) {
        problems.add(at + ": previousHash does not name the entry before it");
      }
      previous = entry;
    }
    return problems;
  }

  static String entryHash(JsonNode entry) {
    ObjectNode fields = CANONICAL.getNodeFactory().objectNode();
    fields.set("sequence", CANONICAL.getNodeFactory().numberNode(entry.path("sequence").asLong()));
    for (String name :
        List.of(
            "releaseId",
            "gate",
            "decision",
            "actor",
            "justification",
            "evidenceHash",
            "previousHash",
            "decidedAt")) {
      JsonNode value = entry.get(name);
      fields.set(name, value == null ? CANONICAL.getNodeFactory().nullNode() : value);
    }
    return sha256(canonical(fields));
  }

  static String canonical(JsonNode node) {
    try {
      return CANONICAL.writeValueAsString(sorted(node));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode sorted(JsonNode node) {
    if (node == null) {
      return CANONICAL.getNodeFactory().nullNode();
    }
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      names.sort(null);
      ObjectNode copy = CANONICAL.getNodeFactory().objectNode();
      names.forEach(name -> copy.set(name, sorted(node.get(name))));
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = CANONICAL.getNodeFactory().arrayNode();
      node.forEach(e -> copy.add(sorted(e)));
      return copy;
    }
    return node;
  }

  static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
