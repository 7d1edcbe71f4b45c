package io.rollgate.sandbox.servicenow;

import io.rollgate.sandbox.SimProblem;
import io.rollgate.sandbox.SimResponse;
import io.rollgate.sandbox.SimServer;

/**
 * A refusal with ServiceNow's two-part message. Handlers are wrapped by {@link #guard} so it is
 * answered as {@code {"error":{"message","detail"},"status":"failure"}}.
 */
final class SnProblem extends SimProblem {

  private final String detail;

  SnProblem(int status, String message, String detail) {
    super(status, message);
    this.detail = detail;
  }

  String detail() {
    return detail;
  }

  /** ServiceNow's error envelope. */
  static SimResponse envelope(int status, String message, String detail) {
    var body = io.rollgate.sandbox.SimJson.object();
    body.putObject("error").put("message", message).put("detail", detail);
    body.put("status", "failure");
    return SimResponse.json(status, body);
  }

  /**
   * The error shape handed to {@link SimServer}: fault-knob failures and plain {@link SimProblem}s
   * get the message the real instance uses for that status and the simulator's text as detail.
   */
  static SimResponse shape(int status, String text) {
    switch (status) {
      case 429:
        return envelope(status, "Rate limit exceeded", text);
      case 401:
        return envelope(status, "User Not Authenticated", text);
      case 404:
        return envelope(status, "No Record found", text);
      default:
        return status >= 500
            ? envelope(status, "Server Error", text)
            : envelope(status, text, text);
    }
  }

  static SimServer.Handler guard(SimServer.Handler handler) {
    return req -> {
      try {
        return handler.handle(req);
      } catch (SnProblem p) {
        return envelope(p.status(), p.getMessage(), p.detail());
      }
    };
  }
}
