package io.rollgate.sandbox.ci;

import com.fasterxml.jackson.databind.JsonNode;
import io.rollgate.sandbox.SimProblem;
import io.rollgate.sandbox.SimRequest;

/** Reads the JSON bodies of the CI systems' {@code /_sandbox} admin routes; 400 when invalid. */
final class AdminBodies {

  private AdminBodies() {}

  /** {@code {"outcome":"failure","durationMillis":300}}; both optional (success, 0). */
  static Behaviour behaviour(SimRequest req) {
    JsonNode b = req.json();
    try {
      return Behaviour.parse(
          b.path("outcome").asText("success"), b.path("durationMillis").asLong(0));
    } catch (IllegalArgumentException e) {
      throw new SimProblem(400, e.getMessage());
    }
  }

  /** A required, non-empty text field. */
  static String text(JsonNode body, String field) {
    String value = body.path(field).asText("");
    if (value.isEmpty()) {
      throw new SimProblem(400, "\"" + field + "\" is required");
    }
    return value;
  }
}
