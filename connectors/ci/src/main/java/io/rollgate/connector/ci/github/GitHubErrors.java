package io.rollgate.connector.ci.github;

import com.fasterxml.jackson.databind.JsonNode;
import io.rollgate.connector.ErrorBodies;
import java.util.ArrayList;
import java.util.List;

/**
 * GitHub's error body {@code {"message","documentation_url","errors":[...]}} to a typed failure.
 */
final class GitHubErrors {

  private GitHubErrors() {}

  /** GitHub's rate limits are retryable as {@link io.rollgate.connector.HttpFailures} decides. */
  static ErrorBodies errorBodies() {
    return ErrorBodies.withMessage(GitHubErrors::message);
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
      return ErrorBodies.summary(body);
    }
  }
}
