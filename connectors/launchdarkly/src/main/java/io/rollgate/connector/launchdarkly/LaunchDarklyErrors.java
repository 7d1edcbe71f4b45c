package io.rollgate.connector.launchdarkly;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rollgate.connector.ConnectorException;
import io.rollgate.connector.ErrorBodies;
import io.rollgate.connector.HttpFailures;
import java.io.IOException;
import java.time.Clock;
import java.util.function.Function;

/**
 * Reads LaunchDarkly's error body {@code {"code","message"}} and picks the typed failures callers
 * branch on: 405 on a flag change means the environment requires approval, 409 is an
 * optimistic-locking conflict. Everything else is decided by {@link HttpFailures} (429 waits until
 * {@code X-Ratelimit-Reset}, which LaunchDarkly sends in epoch milliseconds).
 */
final class LaunchDarklyErrors implements ErrorBodies {

  private final ObjectMapper mapper;

  LaunchDarklyErrors(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  @Override
  public ConnectorException map(
      String system, int status, Function<String, String> headers, String body, Clock clock) {
    String detail = detail(body);
    String message = "HTTP " + status + ": " + detail;
    if (status == 405) {
      return new ApprovalRequiredException(system, status, message);
    }
    if (status == 409) {
      return new FlagConflictException(system, status, message);
    }
    return HttpFailures.fromStatus(system, status, headers, detail, clock);
  }

  private String detail(String body) {
    if (body == null || body.isBlank()) {
      return "(no body)";
    }
    try {
      Dto.Error error = mapper.readValue(body, Dto.Error.class);
      if (error.code() != null || error.message() != null) {
        return error.code() + ": " + error.message();
      }
    } catch (IOException notLaunchDarklyShaped) {
      // fall through to the raw text
    }
    String oneLine = body.replaceAll("\\s+", " ").trim();
    return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
  }
}
