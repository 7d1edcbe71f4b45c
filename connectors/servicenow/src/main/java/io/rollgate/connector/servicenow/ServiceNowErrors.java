package io.rollgate.connector.servicenow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rollgate.connector.ConnectorException;
import io.rollgate.connector.ErrorBodies;
import io.rollgate.connector.HttpFailures;
import java.io.IOException;
import java.time.Clock;
import java.util.function.Function;

/**
 * ServiceNow's error envelope {@code {"error":{"message","detail"},"status":"failure"}} (and the
 * OAuth endpoint's {@code {"error","error_description"}}) turned into typed failures. Retryability
 * stays with {@link HttpFailures}; of the rest, 401/403, 404 and 409 get their own types.
 */
final class ServiceNowErrors implements ErrorBodies {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_MESSAGE = 300;

  @Override
  public ConnectorException map(
      String system, int status, Function<String, String> headers, String body, Clock clock) {
    ConnectorException base =
        HttpFailures.fromStatus(system, status, headers, messageOf(body), clock);
    if (base.retryable()) {
      return base;
    }
    switch (status) {
      case 401:
      case 403:
        return new ServiceNowUnauthorizedException(system, status, base.detail());
      case 404:
        return new ServiceNowNotFoundException(system, status, base.detail());
      case 409:
        return new ServiceNowConflictException(system, status, base.detail());
      default:
        return base;
    }
  }

  /** "message: detail" from the envelope, or the shortened body when it is not one. */
  static String messageOf(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    try {
      JsonNode root = JSON.readTree(body);
      JsonNode error = root.path("error");
      if (error.isObject()) {
        String message = error.path("message").asText("");
        String detail = error.path("detail").isNull() ? "" : error.path("detail").asText("");
        return detail.isBlank() || detail.equals(message) ? message : message + ": " + detail;
      }
      if (error.isTextual()) {
        String description = root.path("error_description").asText("");
        return description.isBlank() ? error.asText() : error.asText() + ": " + description;
      }
    } catch (IOException | RuntimeException notJson) {
      // fall through to the raw text
    }
    String oneLine = body.replaceAll("\\s+", " ").trim();
    return oneLine.length() > MAX_MESSAGE ? oneLine.substring(0, MAX_MESSAGE) + "…" : oneLine;
  }
}
