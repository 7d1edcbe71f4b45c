package io.rollgate.app.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** The gate API as a pipeline or a person calls it over HTTP, with one bearer token. */
public final class GateApi {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final URI base;
  private final String token;

  GateApi(URI base, String token) {
    this.base = base;
    this.token = token;
  }

  /** An answer: its status and its JSON body (null node when empty). */
  public record Answer(int status, JsonNode body) {
    public JsonNode ok() {
      if (status >= 300) {
        throw new AssertionError("expected a 2xx answer, got " + status + ": " + body);
      }
      return body;
    }
  }

  public Answer get(String path) {
    return send(request(path).GET().timeout(Duration.ofMinutes(2)).build());
  }

  public Answer post(String path, Object body) {
    try {
      return send(
          request(path)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
              .timeout(Duration.ofSeconds(30))
              .build());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Creates a token as this (admin) caller; its clear value. */
  public String createToken(String name, String role) {
    return post("/api/v1/tokens", Map.of("name", name, "roles", java.util.List.of(role)))
        .ok()
        .path("token")
        .asText();
  }

  /** Polls the release record until the release ended; the record. */
  public JsonNode awaitEnd(String releaseId, Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      JsonNode record = get("/api/v1/releases/" + releaseId).ok();
      if (!record.path("endedAt").isNull() && !record.path("endedAt").isMissingNode()) {
        return record;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("release " + releaseId + " did not end within " + timeout);
  }

  /** JSON, or the text itself for other answers (Prometheus, for one). */
  private static JsonNode bodyOf(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException notJson) {
      return JSON.getNodeFactory().textNode(text);
    }
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path));
    return token == null ? request : request.header("Authorization", "Bearer " + token);
  }

  private static Answer send(HttpRequest request) {
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode body = response.body().isEmpty() ? JSON.nullNode() : bodyOf(response.body());
      return new Answer(response.statusCode(), body);
    } catch (IOException e) {
      throw new IllegalStateException(request.uri() + " did not answer: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
