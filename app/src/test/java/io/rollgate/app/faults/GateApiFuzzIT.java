package io.rollgate.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rollgate.app.support.OutsideWorld;
import io.rollgate.app.support.ReleaseRequests;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Generated hostile bodies ({@link HostileBodies}, jqwik) for each of the gate API's request types,
 * against the service as a single-machine operator runs it: every answer is a 2xx or a 4xx problem
 * document, never a 5xx, and the service serves afterwards. A failure is shrunk to the smallest
 * body that still fails and reported with its seed; {@code -Djqwik.tries.default=N} sets how many
 * bodies each request type gets (100 unless set, {@code
 * src/test/resources/junit-platform.properties}).
 */
class GateApiFuzzIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private static OutsideWorld world;
  private static ServiceUnderFaults rollgate;
  private static String pipeline;
  private static String manager;
  private static String release;

  @BeforeContainer
  static void startService() throws Exception {
    world = OutsideWorld.start();
    rollgate = ServiceUnderFaults.start(world, Map.of());
    pipeline = rollgate.admin().createToken("fuzz-pipeline", "pipeline");
    manager = rollgate.admin().createToken("fuzz-manager", "release-manager");
    release = "/api/v1/releases/" + rollgate.startRelease(validStart());
  }

  @AfterContainer
  static void stopService() throws Exception {
    try {
      assertServing();
    } finally {
      rollgate.close();
      world.close();
    }
  }

  @Property
  void releaseStartAnswersASuccessOrAProblem(@ForAll("startBodies") byte[] body) {
    assertAnswered("/api/v1/releases", pipeline, body);
  }

  @Property
  void deploymentReportAnswersASuccessOrAProblem(@ForAll("deploymentBodies") byte[] body) {
    assertAnswered(release + "/deployments", pipeline, body);
  }

  @Property
  void goNoGoDecisionAnswersASuccessOrAProblem(@ForAll("decisionBodies") byte[] body) {
    assertAnswered(release + "/gates/go-no-go/decision", manager, body);
  }

  @Property
  void retryAnswersASuccessOrAProblem(@ForAll("retryBodies") byte[] body) {
    assertAnswered(release + "/retry", manager, body);
  }

  @Property
  void abortAnswersASuccessOrAProblem(@ForAll("abortBodies") byte[] body) {
    assertAnswered(release + "/abort", manager, body);
  }

  @Provide
  Arbitrary<byte[]> startBodies() {
    return HostileBodies.against(validStart());
  }

  @Provide
  Arbitrary<byte[]> deploymentBodies() {
    return HostileBodies.against(
        Map.of(
            "step", "deploy-eu",
            "result", "success",
            "url", "https://ci.example/runs/1",
            "artifactDigest", "sha256:" + "a".repeat(64)));
  }

  @Provide
  Arbitrary<byte[]> decisionBodies() {
    return HostileBodies.against(
        Map.of(
            "decision", "GO",
            "justification", "reviewed",
            "acceptedRisks", List.of("open P2 incidents on the service")));
  }

  @Provide
  Arbitrary<byte[]> retryBodies() {
    return HostileBodies.against(Map.of("justification", "system is back"));
  }

  @Provide
  Arbitrary<byte[]> abortBodies() {
    return HostileBodies.against(Map.of("reason", "stopped"));
  }

  private static void assertAnswered(String path, String token, byte[] body) {
    HttpResponse<String> answer =
        send(
            HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
    String sent = new String(body, StandardCharsets.UTF_8);
    String shown = sent.length() > 500 ? sent.substring(0, 500) + "…" : sent;
    assertThat(answer.statusCode())
        .as("POST %s answered %s to %s", path, answer.body(), shown)
        .isLessThan(500);
    if (answer.statusCode() >= 400) {
      assertThat(answer.headers().firstValue("Content-Type").orElse(""))
          .as(shown)
          .startsWith("application/problem+json");
      assertThat(json(answer.body()).path("status").asInt())
          .as(shown)
          .isEqualTo(answer.statusCode());
    }
  }

  /** The release the bodies were thrown at still answers, and a new release starts. */
  private static void assertServing() {
    String id = release.substring(release.lastIndexOf('/') + 1);
    assertThat(rollgate.release(id).path("id").asText()).isEqualTo(id);
    assertThat(rollgate.startRelease(ReleaseRequests.request("checkout", "9.9.10"))).isNotBlank();
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new AssertionError("the service did not answer " + request.uri(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static URI uri(String path) {
    return rollgate.process().baseUri().resolve(path);
  }

  private static JsonNode json(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + body, e);
    }
  }

  private static Map<String, Object> validStart() {
    return ReleaseRequests.request("checkout", "9.9.9");
  }
}
