package io.rollgate.app.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The few gate API calls the demo makes, as a pipeline or a release manager would. */
final class GateApiClient {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;

  GateApiClient(URI base) {
    this.base = base;
  }

  JsonNode get(String path, String token) {
    return send(request(path, token).GET().timeout(Duration.ofMinutes(11)).build());
  }

  JsonNode post(String path, String token, Object body) {
    try {
      return send(
          request(path, token)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
              .timeout(Duration.ofSeconds(30))
              .build());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code token} null: an open endpoint, called without credentials. */
  private HttpRequest.Builder request(String path, String token) {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path));
    return token == null ? request : request.header("Authorization", "Bearer " + token);
  }

  private JsonNode send(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode body = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
      if (response.statusCode() >= 300) {
        throw new IllegalStateException(
            request.method()
                + " "
                + request.uri().getPath()
                + " answered "
                + response.statusCode()
                + ": "
                + body.path("detail").asText(response.body()));
      }
      return body;
    } catch (IOException e) {
      throw new IllegalStateException(request.uri() + " did not answer: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
