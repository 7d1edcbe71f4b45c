package io.rollgate.app.problem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rollgate.app.support.RunningService;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** Every error the running service answers is an RFC 9457 problem that says what to change. */
class ProblemResponsesIT extends RunningService {

  private static final String PROBLEM_JSON = "application/problem+json";

  private String pipeline;

  private String pipeline() {
    if (pipeline == null) {
      pipeline = token("problem-pipeline", "pipeline");
    }
    return pipeline;
  }

  private static JsonNode problem(Answer answer, int status) {
    assertThat(answer.status()).as(answer.body()).isEqualTo(status);
    assertThat(answer.header("Content-Type")).startsWith(PROBLEM_JSON);
    JsonNode problem = answer.json();
    assertThat(problem.path("status").asInt()).isEqualTo(status);
    assertThat(problem.path("title").asText()).isNotBlank();
    return problem;
  }

  /** The security headers a normal API answer carries, each sent once. */
  private void assertSecurityHeadersOf(Answer answer) {
    Answer normal = call("GET", "/api/v1/releases", pipeline(), null, null);
    assertThat(normal.status()).isEqualTo(200);
    assertThat(normal.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(normal.header("Cache-Control")).contains("no-store");
    assertThat(normal.header("X-Frame-Options")).isEqualTo("DENY");
    for (String name :
        List.of(
            "X-Content-Type-Options",
            "Cache-Control",
            "Pragma",
            "Expires",
            "X-Frame-Options",
            "X-XSS-Protection")) {
      assertThat(answer.header(name)).as(name).isEqualTo(normal.header(name));
    }
  }

  /** A pipeline's GET of {@code path} that accepts only {@code type}. */
  private Answer getAccepting(String path, String type) {
    return call("GET", path, pipeline(), null, null, Map.of("Accept", type));
  }

  private static List<String> fields(JsonNode problem) {
    return StreamSupport.stream(problem.path("errors").spliterator(), false)
        .map(e -> e.path("field").asText())
        .toList();
  }

  @Test
  void malformedJsonIsABadRequest() {
    // when
    Answer answer =
        call("POST", "/api/v1/releases", pipeline(), "application/json", "{\"service\":");

    // then
    JsonNode problem = problem(answer, 400);
    assertThat(problem.path("title").asText()).isEqualTo("Malformed request body");
    assertThat(problem.path("instance").asText()).isEqualTo("/api/v1/releases");
  }

  @Test
  void aValueOfTheWrongKindIsABadRequestNamingTheField() {
    // when
    Answer answer =
        call(
            "POST",
            "/api/v1/tokens",
            ADMIN_TOKEN,
            "application/json",
            "{\"name\":\"x\",\"roles\":[\"viewer\"],\"expiresAt\":\"tomorrow\"}");

    // then
    JsonNode problem = problem(answer, 400);
    assertThat(problem.path("title").asText()).isEqualTo("Malformed request body");
    assertThat(problem.path("detail").asText()).contains("'expiresAt'");
  }

  @Test
  void anInvalidBodyIsUnprocessableNamingEachField() {
    // when
    Answer answer = call("POST", "/api/v1/releases", pipeline(), "application/json", "{}");

    // then
    JsonNode problem = problem(answer, 422);
    assertThat(fields(problem))
        .contains("service", "version", "commitSha", "environment", "waves", "bakeTime");
    assertThat(problem.path("errors").get(0).path("message").asText()).isNotBlank();
  }

  @Test
  void anUnknownRoleIsUnprocessableNamingIt() {
    // when
    Answer answer =
        call(
            "POST",
            "/api/v1/tokens",
            ADMIN_TOKEN,
            "application/json",
            "{\"name\":\"x\",\"roles\":[\"viewer\",\"root\"]}");

    // then
    JsonNode problem = problem(answer, 422);
    assertThat(fields(problem)).containsExactly("roles[1]");
  }

  @Test
  void aParameterOfTheWrongTypeIsABadRequestNamingIt() {
    // when
    Answer answer = call("GET", "/api/v1/releases?limit=ten", pipeline(), null, null);

    // then
    JsonNode problem = problem(answer, 400);
    assertThat(problem.path("detail").asText()).contains("'limit'");
    assertThat(fields(problem)).containsExactly("limit");
  }

  @Test
  void anUnknownPathIsNotFoundForACallerAndUnauthorizedForAStranger() {
    // when
    Answer known = call("GET", "/api/v1/no-such-thing", pipeline(), null, null);
    Answer stranger = call("GET", "/api/v1/no-such-thing", null, null, null);

    // then
    assertThat(problem(known, 404).path("detail").asText())
        .isEqualTo("no endpoint at GET /api/v1/no-such-thing");
    problem(stranger, 401);
  }

  @Test
  void anUnsupportedMethodIsNotAllowed() {
    // when
    Answer answer = call("PUT", "/api/v1/releases", pipeline(), "application/json", "{}");

    // then
    assertThat(problem(answer, 405).path("detail").asText())
        .isEqualTo("PUT is not supported at /api/v1/releases; use GET or POST");
    assertThat(answer.header("Allow")).contains("GET").contains("POST");
  }

  @Test
  void anAnswerOfATypeTheEndpointDoesNotMakeIsNotAcceptable() {
    // when
    Answer answer = getAccepting("/api/v1/releases", "text/csv");

    // then
    assertThat(problem(answer, 406).path("detail").asText())
        .startsWith("/api/v1/releases answers none of the types in 'Accept: text/csv'; accept ")
        .contains("application/json")
        .doesNotContain("smile")
        .doesNotContain("yaml");
  }

  @Test
  void aStreamAskedForAsAnotherTypeNamesTheTypeItIsSentAs() {
    // when
    Answer answer = getAccepting("/api/v1/releases/rel-1/events", "application/json");

    // then
    assertThat(problem(answer, 406).path("detail").asText()).endsWith("; accept text/event-stream");
  }

  @Test
  void anUnknownWebhookIsNotFoundForACallerAndUnauthorizedForAStranger() {
    // when
    Answer known = call("POST", "/api/v1/webhooks/gitlab", pipeline(), "application/json", "{}");
    Answer stranger = call("POST", "/api/v1/webhooks/gitlab", null, "application/json", "{}");

    // then
    assertThat(problem(known, 404).path("detail").asText())
        .isEqualTo("no endpoint at POST /api/v1/webhooks/gitlab");
    problem(stranger, 401);
  }

  @Test
  void aMalformedPercentEncodingIsABadRequestFromTheServer() throws IOException {
    // when: no HTTP client sends this URL, so it goes as raw bytes
    Answer answer =
        sendRaw("GET /api/v1/releases/rel-%zz HTTP/1.0", "Authorization: Bearer " + pipeline());

    // then
    JsonNode problem = problem(answer, 400);
    assertThat(problem.path("detail").asText())
        .contains("URI")
        .doesNotContain("the server refused");
    assertThat(problem.path("instance").asText()).isEqualTo("/api/v1/releases/rel-%25zz");
    assertSecurityHeadersOf(answer);
  }

  @Test
  void aHeaderOverTheServersLimitIsABadRequest() {
    // when: Tomcat's limit for the request line and headers is 8 KB
    Answer answer =
        call(
            "GET",
            "/api/v1/releases",
            pipeline(),
            null,
            null,
            Map.of("X-Trace-Context", "x".repeat(20 * 1024)));

    // then
    JsonNode problem = problem(answer, 400);
    assertThat(problem.path("detail").asText()).isNotBlank().doesNotContain("the server refused");
    assertThat(problem.path("instance").asText()).isEqualTo("/api/v1/releases");
    assertSecurityHeadersOf(answer);
  }

  @Test
  void traceIsNotAllowedWhoeverAsks() {
    // when
    String token = pipeline();
    Answer answer = call("TRACE", "/api/v1/releases", token, null, null);

    // then: the request, credential included, is not echoed back
    JsonNode problem = problem(answer, 400);
    assertThat(problem.path("title").asText()).isEqualTo("Request rejected");
    assertThat(problem.path("detail").asText()).contains("\"TRACE\"");
    assertThat(problem.path("instance").asText()).isEqualTo("/api/v1/releases");
    assertThat(answer.body()).doesNotContain(token);
  }

  @Test
  void aUrlTheFirewallRefusesIsABadRequestSayingWhy() {
    // when
    Answer slashes = call("GET", "/api/v1/releases//rel-1", pipeline(), null, null);
    Answer parameter = call("GET", "/api/v1/releases;jsessionid=1", pipeline(), null, null);

    // then
    JsonNode problem = problem(slashes, 400);
    assertThat(problem.path("title").asText()).isEqualTo("Request rejected");
    assertThat(problem.path("detail").asText()).contains("\"//\"");
    assertThat(problem(parameter, 400).path("detail").asText()).contains("\";\"");
    assertSecurityHeadersOf(slashes);
  }

  @Test
  void theErrorPageCalledDirectlyIsNoEndpoint() {
    // when
    Answer answer = call("GET", "/error", null, null, null);

    // then
    assertThat(problem(answer, 404).path("detail").asText()).isEqualTo("no endpoint at GET /error");
  }

  @Test
  void aBodyThatIsNotJsonIsAnUnsupportedMediaType() {
    // when
    Answer answer = call("POST", "/api/v1/releases", pipeline(), "text/plain", "service=shop");

    // then
    assertThat(problem(answer, 415).path("detail").asText())
        .startsWith("/api/v1/releases does not take a body with Content-Type 'text/plain")
        .contains("; send application/json")
        .doesNotContain("smile")
        .doesNotContain("yaml");
    assertThat(answer.header("Accept")).isEqualTo("application/json");
  }

  @Test
  void theApiTakesAndAnswersJsonOnly() {
    // when: a release started in YAML or Smile, and releases asked for as YAML
    Answer yaml =
        call("POST", "/api/v1/releases", pipeline(), "application/yaml", "service: shop\n");
    Answer smile =
        call("POST", "/api/v1/releases", pipeline(), "application/x-jackson-smile", ":)\n");
    Answer asYaml = getAccepting("/api/v1/releases", "application/yaml");

    // then
    assertThat(problem(yaml, 415).path("detail").asText()).endsWith("; send application/json");
    assertThat(problem(smile, 415).path("detail").asText()).endsWith("; send application/json");
    assertThat(problem(asYaml, 406).path("detail").asText()).contains("accept application/json");
  }

  @Test
  void aDeclaredLargeBodyIsRefusedBeforeItIsRead() {
    // when
    Answer answer =
        call("POST", "/api/v1/releases", pipeline(), "application/json", largeJson(20 * 1024));

    // then
    JsonNode problem = problem(answer, 413);
    assertThat(problem.path("detail").asText()).contains("16384 bytes");
    assertSecurityHeadersOf(answer);
  }

  @Test
  void aStreamedLargeBodyIsRefusedWhileItIsRead() {
    // given: no Content-Length, the body is sent in chunks
    byte[] body = largeJson(20 * 1024).getBytes(StandardCharsets.UTF_8);
    HttpRequest request =
        HttpRequest.newBuilder(uri("/api/v1/releases"))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + pipeline())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
            .build();

    // when
    Answer answer = send(request);

    // then
    problem(answer, 413);
  }

  @Test
  void aMissingCredentialIsUnauthorizedWithABearerChallenge() {
    // when
    Answer answer = call("GET", "/api/v1/releases", null, null, null);

    // then
    JsonNode problem = problem(answer, 401);
    assertThat(answer.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"rollgate\"");
    assertThat(problem.path("detail").asText()).contains("Authorization: Bearer");
    assertSecurityHeadersOf(answer);
  }

  @Test
  void aRevokedTokenIsUnauthorized() {
    // given
    Answer created =
        call(
            "POST",
            "/api/v1/tokens",
            ADMIN_TOKEN,
            "application/json",
            "{\"name\":\"soon-revoked\",\"roles\":[\"viewer\"]}");
    String token = created.json().path("token").asText();
    assertThat(call("GET", "/api/v1/releases", token, null, null).status()).isEqualTo(200);

    // when
    Answer revoked =
        call(
            "DELETE",
            "/api/v1/tokens/" + created.json().path("id").asText(),
            ADMIN_TOKEN,
            null,
            null);
    Answer answer = call("GET", "/api/v1/releases", token, null, null);

    // then
    assertThat(revoked.status()).isEqualTo(204);
    problem(answer, 401);
    assertThat(answer.header("WWW-Authenticate")).contains("error=\"invalid_token\"");
  }

  @Test
  void theWrongRoleIsForbiddenNamingTheRolesThatWould() {
    // when
    Answer answer = call("GET", "/api/v1/tokens", pipeline(), null, null);

    // then
    JsonNode problem = problem(answer, 403);
    assertThat(problem.path("detail").asText())
        .isEqualTo("GET /api/v1/tokens needs one of the roles admin");
    assertThat(answer.header("WWW-Authenticate")).contains("insufficient_scope");
  }

  @Test
  void tokensAreListedWithoutTheirValues() {
    // given
    String secret = token("listed-viewer", "viewer");

    // when
    Answer list = call("GET", "/api/v1/tokens", ADMIN_TOKEN, null, null);

    // then
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.body()).contains("listed-viewer").doesNotContain(secret);
    assertThat(list.json().findValues("token")).isEmpty();
  }

  /** Sends a request line and headers byte for byte; HTTP/1.0, so the answer ends the stream. */
  private Answer sendRaw(String requestLine, String... headers) throws IOException {
    try (Socket socket = new Socket(uri("/").getHost(), uri("/").getPort())) {
      socket.setSoTimeout(30_000);
      String head = requestLine + "\r\n" + String.join("\r\n", headers) + "\r\n\r\n";
      socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
      String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int end = response.indexOf("\r\n\r\n");
      String[] lines = response.substring(0, end).split("\r\n");
      Map<String, List<String>> fields = new LinkedHashMap<>();
      for (String line : Arrays.asList(lines).subList(1, lines.length)) {
        int colon = line.indexOf(':');
        fields
            .computeIfAbsent(line.substring(0, colon), k -> new ArrayList<>())
            .add(line.substring(colon + 1).trim());
      }
      return new Answer(
          Integer.parseInt(lines[0].split(" ")[1]), fields, response.substring(end + 4));
    }
  }

  private static String largeJson(int size) {
    return "{\"service\":\"" + "x".repeat(size) + "\"}";
  }
}
