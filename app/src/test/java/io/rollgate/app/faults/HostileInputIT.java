package io.rollgate.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollgate.app.support.RunningService;
import io.rollgate.sandbox.ci.GitHubSim;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile bodies on every surface that takes one: the gate API's requests and both webhooks. Each
 * is answered with a problem document saying what is wrong (never a 5xx), and the service goes on
 * serving.
 */
class HostileInputIT extends RunningService {

  /** Past the gate API's 16 KB limit here and the webhooks' 64 KB. */
  private static final int OVERSIZED = 100 * 1024;

  /** A POST that takes a body, with the credential it needs. */
  private record Surface(String path, String token, Map<String, String> headers) {
    @Override
    public String toString() {
      return "POST " + path;
    }
  }

  private List<Surface> surfaces;

  @BeforeEach
  void surfaces() {
    String pipeline = token("bad-input-pipeline", "pipeline");
    String manager = token("bad-input-manager", "release-manager");
    String release = "/api/v1/releases/rel-does-not-matter-here";
    surfaces =
        List.of(
            new Surface("/api/v1/releases", pipeline, Map.of()),
            new Surface(release + "/deployments", pipeline, Map.of()),
            new Surface(release + "/gates/go-no-go/decision", manager, Map.of()),
            new Surface(release + "/abort", manager, Map.of()),
            new Surface(release + "/retry", manager, Map.of()),
            new Surface("/api/v1/tokens", ADMIN_TOKEN, Map.of()),
            new Surface("/api/v1/webhooks/servicenow", null, Map.of()),
            new Surface(
                "/api/v1/webhooks/github",
                null,
                Map.of("X-GitHub-Event", "deployment_protection_rule")));
  }

  @Test
  void aBodyThatIsNotUtf8IsABadRequestEverywhere() {
    // given: Latin-1 bytes where UTF-8 is declared
    byte[] body =
        "{\"service\":\"caf\u00e9\",\"reason\":\"d\u00e9j\u00e0\"}"
            .getBytes(StandardCharsets.ISO_8859_1);

    for (Surface surface : surfaces) {
      // when
      Answer answer = post(surface, body);

      // then
      assertProblem(surface, answer, surface.token() == null ? 401 : 400);
    }
    assertServing();
  }

  @Test
  void aDocumentNestedFiveThousandDeepIsABadRequestEverywhere() {
    // given: about 10 KB of brackets, within every body limit
    byte[] body =
        ("{\"service\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}")
            .getBytes(StandardCharsets.UTF_8);

    for (Surface surface : surfaces) {
      if (surface.token() == null) {
        // a webhook reads no document it cannot verify; signed ones are the last test
        continue;
      }
      // when
      Answer answer = post(surface, body);

      // then
      assertProblem(surface, answer, 400);
    }
    assertServing();
  }

  @Test
  void anOversizedBodyIsRefusedEverywhere() {
    // given
    byte[] body =
        ("{\"reason\":\"" + "x".repeat(OVERSIZED) + "\"}").getBytes(StandardCharsets.UTF_8);

    for (Surface surface : surfaces) {
      // when
      Answer answer = post(surface, body);

      // then
      assertProblem(surface, answer, 413);
    }
    assertServing();
  }

  @Test
  void aSignedGitHubDeliveryThatIsNotJsonIsABadRequest() {
    // given: GitHub's signature is right, the body is not what GitHub sends
    byte[] latin1 =
        "{\"action\":\"requested\",\"environment\":\"pr\u00e9prod\"}"
            .getBytes(StandardCharsets.ISO_8859_1);
    byte[] nested =
        ("{\"action\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}")
            .getBytes(StandardCharsets.UTF_8);
    Surface github = surfaces.get(surfaces.size() - 1);

    for (byte[] body : List.of(latin1, nested)) {
      // when
      Answer answer =
          post(
              new Surface(
                  github.path(),
                  null,
                  Map.of(
                      "X-GitHub-Event",
                      "deployment_protection_rule",
                      "X-Hub-Signature-256",
                      GitHubSim.signature(GITHUB_WEBHOOK_SECRET, body))),
              body);

      // then
      assertProblem(github, answer, 400);
    }
    assertServing();
  }

  private Answer post(Surface surface, byte[] body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(surface.path()))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (surface.token() != null) {
      request.header("Authorization", "Bearer " + surface.token());
    }
    surface.headers().forEach(request::header);
    return send(request.build());
  }

  private static void assertProblem(Surface surface, Answer answer, int status) {
    assertThat(answer.status()).as(surface + ": " + answer.body()).isEqualTo(status);
    assertThat(answer.header("Content-Type"))
        .as(surface.toString())
        .startsWith("application/problem+json");
    assertThat(answer.json().path("status").asInt()).as(surface.toString()).isEqualTo(status);
    assertThat(answer.json().path("detail").asText()).as(surface.toString()).isNotBlank();
  }
}
