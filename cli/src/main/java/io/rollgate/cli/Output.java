package io.rollgate.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/** {@code --output human} (lines for people) or {@code --output json} (one JSON value a line). */
enum Output {
  human,
  json;

  static String json(JsonNode node) {
    try {
      return GateApi.JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
