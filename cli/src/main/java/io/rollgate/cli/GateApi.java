package io.rollgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The gate API over HTTP with the pipeline's bearer token. The token goes in the Authorization
 * header and nowhere else: not in messages, not in output.
 */
final class GateApi {

  static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final String token;
  private final HttpClient http;

  private GateApi(URI base, String token) {
    this.base = base;
    this.token = token;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  /**
   * From {@code ROLLGATE_URL} and {@code ROLLGATE_TOKEN}.
   *
   * @throws CliException (exit 2) when either is missing or the URL is malformed
   */
  static GateApi fromEnvironment(Map<String, String> env) {
    String url = env.get("ROLLGATE_URL");
    String token = env.get("ROLLGATE_TOKEN");
    if (url == null || url.isBlank()) {
      throw new CliException(
          ExitCode.ERROR,
          "ROLLGATE_URL is not set: set it to the service, e.g. https://rollgate.example.com");
    }
    if (token == null || token.isBlank()) {
      throw new CliException(ExitCode.ERROR, "ROLLGATE_TOKEN is not set: set it to an API token");
    }
    try {
      URI base = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
      if (base.getScheme() == null || !base.getScheme().startsWith("http")) {
        throw new IllegalArgumentException("not http(s)");
      }
      return new GateApi(base, token.trim());
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCode.ERROR, "ROLLGATE_URL is not an http(s) URL: " + url);
    }
  }

  JsonNode get(String path) {
    return send(request(path).GET().timeout(Duration.ofSeconds(60)).build());
  }

  JsonNode getWaiting(String path, Duration timeout) {
    return send(request(path).GET().timeout(timeout).build());
  }

  JsonNode post(String path, Object body, Map<String, String> headers) {
    try {
      HttpRequest.Builder request =
          request(path)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
              .timeout(Duration.ofSeconds(60));
      headers.forEach(request::header);
      return send(request.build());
    } catch (IOException e) {
      throw new CliException(ExitCode.ERROR, "cannot write the request: " + e.getMessage(), e);
    }
  }

  /**
   * Opens the release's event stream, resuming after {@code lastEventId}.
   *
   * @throws IOException when the connection fails (the caller reconnects)
   * @throws CliException (exit 2) when the service refuses (401, 403, 404, ...)
   */
  InputStream events(String releaseId, String lastEventId) throws IOException {
    HttpRequest.Builder request =
        request("/api/v1/releases/" + encode(releaseId) + "/events")
            .header("Accept", "text/event-stream")
            .GET();
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    try {
      HttpResponse<InputStream> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      if (response.statusCode() >= 300) {
        String body;
        try (InputStream in = response.body()) {
          body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (response.statusCode() >= 500) {
          throw new IOException("the service answered " + response.statusCode());
        }
        throw refusal(response.statusCode(), body);
      }
      return response.body();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path))
        .header("Authorization", "Bearer " + token)
        .header("User-Agent", "rollgate-cli");
  }

  private JsonNode send(HttpRequest request) {
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (java.net.http.HttpTimeoutException e) {
      throw new Unreachable("the service did not answer in time", e);
    } catch (IOException e) {
      throw new Unreachable("cannot reach the service at " + base + ": " + describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(ExitCode.ERROR, "interrupted");
    }
    if (response.statusCode() >= 500) {
      throw new Unreachable(
          "the service answered " + response.statusCode() + ": " + detail(response.body()), null);
    }
    if (response.statusCode() >= 300) {
      throw refusal(response.statusCode(), response.body());
    }
    return readJson(response.body());
  }

  /** A failure worth retrying while waiting: the network or the service being away. */
  static final class Unreachable extends CliException {
    Unreachable(String message, Throwable cause) {
      super(ExitCode.ERROR, message, cause);
    }
  }

  /**
   * The service refused the request (4xx): its status and the RFC 9457 problem it answered, which
   * for a 422 lists each field to change as {@code errors: [{field, message}]}.
   */
  static final class Refused extends CliException {
    private final int status;
    private final JsonNode problem;

    private Refused(int status, String message, JsonNode problem) {
      super(ExitCode.ERROR, message);
      this.status = status;
      this.problem = problem;
    }

    int status() {
      return status;
    }

    /** The problem's rejected fields; empty when it names none. */
    JsonNode errors() {
      JsonNode errors = problem.path("errors");
      return errors.isArray() ? errors : JSON.createArrayNode();
    }
  }

  private static Refused refusal(int status, String body) {
    String hint =
        switch (status) {
          case 401 -> " (check ROLLGATE_TOKEN)";
          case 403 -> " (the token's roles do not allow this)";
          default -> "";
        };
    return new Refused(status, "HTTP " + status + ": " + detail(body) + hint, problem(body));
  }

  /** The body as an RFC 9457 problem; a missing node when it is no JSON. */
  private static JsonNode problem(String body) {
    try {
      JsonNode problem = body == null ? null : JSON.readTree(body);
      return problem == null ? JSON.missingNode() : problem;
    } catch (IOException notJson) {
      return JSON.missingNode();
    }
  }

  /** An RFC 9457 problem's detail (which names each rejected field), else the body's first line. */
  static String detail(String body) {
    JsonNode problem = problem(body);
    if (problem.has("detail")) {
      return problem.path("detail").asText();
    }
    if (problem.has("title")) {
      return problem.path("title").asText();
    }
    String text = body == null ? "" : body.strip();
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }

  static JsonNode readJson(String text) {
    try {
      return text == null || text.isBlank() ? JSON.nullNode() : JSON.readTree(text);
    } catch (IOException e) {
      throw new CliException(ExitCode.ERROR, "the service answered something other than JSON");
    }
  }

  private static String describe(IOException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
