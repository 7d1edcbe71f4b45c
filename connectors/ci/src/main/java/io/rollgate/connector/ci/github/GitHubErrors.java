package io.rollgate.connector.ci.github;

import com.fasterxml.jackson.databind.JsonNode;
import io.rollgate.connector.ConnectorException;
import io.rollgate.connector.ErrorBodies;
import io.rollgate.connector.HttpFailures;
import io.rollgate.connector.RetryableException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * GitHub's error body {@code {"message","documentation_url","errors":[...]}} to a typed failure.
 * Beyond {@link HttpFailures}: a 403 carrying {@code Retry-After} is GitHub's secondary rate limit
 * and is retryable too.
 */
final class GitHubErrors implements ErrorBodies {

  @Override
  public ConnectorException map(
      String system, int status, Function<String, String> headers, String body, Clock clock) {
    String detail = message(body);
    if (status == 403 && headers.apply("Retry-After") != null) {
      return new RetryableException(
          system,
          status,
          "HTTP 403 (secondary rate limit): " + detail,
          HttpFailures.retryAfter(headers, clock),
          null);
    }
    return HttpFailures.fromStatus(system, status, headers, detail, clock);
  }

  static String message(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    try {
      JsonNode root = GitHubClient.JSON.readTree(body);
      String message = root.path("message").asText("");
      List<String> details = new ArrayList<>();
      for (JsonNode error : root.path("errors")) {
        details.add(
            error.isTextual()
                ? error.asText()
                : error
                    .path("message")
                    .asText(error.path("field").asText("") + " " + error.path("code").asText(""))
                    .trim());
      }
      return details.isEmpty() ? message : message + " (" + String.join("; ", details) + ")";
    } catch (Exception notJson) {
      String oneLine = body.replaceAll("\\s+", " ").trim();
      return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
    }
  }
}
