package io.rollgate.connector.servicenow;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rollgate.connector.servicenow.model.ChangeState;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import okhttp3.mockwebserver.MockResponse;

/**
 * Answers copied from the ServiceNow docs' examples ({@code specs/servicenow-docs}), made valid
 * JSON where the docs abbreviate ({@code ...}, comments, unquoted keys).
 */
final class Fixtures {

  static final ObjectMapper JSON = new ObjectMapper();

  /** sys_id of the change in {@code change-create-normal.json} and {@code change-patch.json}. */
  static final String CHANGE_SYS_ID = "b0dbda5347c12200e0ef563dbb9a718f";

  private Fixtures() {}

  static String text(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static MockResponse ok(String name) {
    return json(200, text(name));
  }

  static MockResponse json(int status, String body) {
    return new MockResponse()
        .setResponseCode(status)
        .setHeader("Content-Type", "application/json;charset=UTF-8")
        .setBody(body);
  }

  /** The docs' PATCH answer (sys_id {@link #CHANGE_SYS_ID}) with another state. */
  static MockResponse changeIn(ChangeState state) {
    try {
      ObjectNode root = (ObjectNode) JSON.readTree(text("change-patch.json"));
      ObjectNode s = (ObjectNode) root.path("result").path("state");
      s.put("value", state.value()).put("display_value", state.label());
      return json(200, JSON.writeValueAsString(root));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A nextstates answer in the docs' shape: one transition per target, with availability. */
  static MockResponse nextStates(ChangeState from, Object... targetsAndAvailability) {
    ObjectNode result = JSON.createObjectNode();
    var available = result.putArray("available_states").add(String.valueOf(from.value()));
    var transitions = result.putArray("state_transitions");
    ObjectNode labels = result.putObject("state_label");
    labels.put(String.valueOf(from.value()), from.label());
    for (int i = 0; i < targetsAndAvailability.length; i += 2) {
      ChangeState to = (ChangeState) targetsAndAvailability[i];
      boolean ok = (Boolean) targetsAndAvailability[i + 1];
      available.add(String.valueOf(to.value()));
      labels.put(String.valueOf(to.value()), to.label());
      ObjectNode t = transitions.addArray().addObject();
      t.put("sys_id", "7a0d2ccdc343101035ae3f52c1d3ae2e");
      t.put("display_value", from.label() + " to " + to.label());
      t.put("from_state", String.valueOf(from.value()));
      t.put("to_state", String.valueOf(to.value()));
      t.put("transition_available", ok);
      t.put("automatic_transition", false);
      t.putArray("conditions");
    }
    ObjectNode root = JSON.createObjectNode();
    root.set("result", result);
    return json(200, root.toString());
  }
}
