package io.rollgate.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollgate.app.support.ReleaseRequests;
import io.rollgate.app.support.RunningService;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Generated hostile bodies for each of the gate API's request types, against the running service:
 * every answer is a 2xx or a 4xx problem document, never a 5xx, and the service serves afterwards.
 * The cases come from a seed ({@code -Drollgate.fuzz.seed}, printed with each case) so that a
 * failure replays; {@code -Drollgate.fuzz.cases} sets how many per request type.
 */
class GateApiFuzzIT extends RunningService {

  private static final long SEED = Long.getLong("rollgate.fuzz.seed", System.nanoTime());
  private static final int CASES = Integer.getInteger("rollgate.fuzz.cases", 100);

  /** One request type: where it goes, who sends it, and a body it accepts. */
  private record RequestType(String name, String path, String token, Map<String, Object> valid) {}

  @TestFactory
  Stream<DynamicTest> everyAnswerIsASuccessOrAProblemNeverAServerError() {
    String pipeline = token("fuzz-pipeline", "pipeline");
    String manager = token("fuzz-manager", "release-manager");
    String release = "/api/v1/releases/" + startRelease(pipeline);
    List<RequestType> types =
        List.of(
            new RequestType("release start", "/api/v1/releases", pipeline, validStart()),
            new RequestType(
                "deployment report",
                release + "/deployments",
                pipeline,
                Map.of(
                    "step", "deploy-eu",
                    "result", "success",
                    "url", "https://ci.example/runs/1",
                    "artifactDigest", "sha256:" + "a".repeat(64))),
            new RequestType(
                "go/no-go decision",
                release + "/gates/go-no-go/decision",
                manager,
                Map.of(
                    "decision", "GO",
                    "justification", "reviewed",
                    "acceptedRisks", List.of("open P2 incidents on the service"))),
            new RequestType(
                "retry", release + "/retry", manager, Map.of("justification", "system is back")),
            new RequestType("abort", release + "/abort", manager, Map.of("reason", "stopped")));
    Stream<DynamicTest> cases =
        types.stream()
            .flatMap(type -> cases(type, new HostileBodies(SEED + type.name().hashCode())));
    return Stream.concat(
        cases, Stream.of(DynamicTest.dynamicTest("the service still serves", this::assertServing)));
  }

  private Stream<DynamicTest> cases(RequestType type, HostileBodies bodies) {
    return IntStream.range(0, CASES)
        .mapToObj(
            n -> {
              byte[] body = bodies.next(type.valid());
              return DynamicTest.dynamicTest(
                  type.name() + " #" + n + " (seed " + SEED + ")",
                  () -> assertAnswered(type, body));
            });
  }

  private void assertAnswered(RequestType type, byte[] body) {
    Answer answer =
        send(
            HttpRequest.newBuilder(uri(type.path()))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + type.token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
    String sent = new String(body, StandardCharsets.UTF_8);
    String shown = sent.length() > 500 ? sent.substring(0, 500) + "…" : sent;
    assertThat(answer.status())
        .as("%s answered %s to %s", type.name(), answer.body(), shown)
        .isLessThan(500);
    if (answer.status() >= 400) {
      assertThat(answer.header("Content-Type")).as(shown).startsWith("application/problem+json");
      assertThat(answer.json().path("status").asInt()).as(shown).isEqualTo(answer.status());
    }
  }

  private String startRelease(String pipeline) {
    return api(pipeline).post("/api/v1/releases", validStart()).ok().path("id").asText();
  }

  private static Map<String, Object> validStart() {
    return ReleaseRequests.request("checkout", "9.9.9");
  }
}
