package io.rollgate.sandbox.ci;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rollgate.sandbox.Faults;
import io.rollgate.sandbox.SimJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CiSimulatorIT {

  private static final String SHA = "9fceb02d0ae598e95dc970b74767f19372d61af8";
  private final HttpClient http = HttpClient.newHttpClient();
  private final SteppedClock clock = new SteppedClock();
  private CiSimulator sim;

  @BeforeEach
  void start() {
    sim = CiSimulator.builder().clock(clock).queueTime(Duration.ofMillis(100)).start();
  }

  /** Time that moves only when the test says, so a run's progress does not race the machine. */
  private static final class SteppedClock extends Clock {
    private volatile Instant now = Instant.parse("2026-03-02T10:00:00Z");

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.BodyPublisher json(String body) {
    return HttpRequest.BodyPublishers.ofString(body);
  }

  @Test
  void aWorkflowConfiguredOverTheAdminApiRunsQueuedThenInProgressThenCompleted() throws Exception {
    // given
    send(
        HttpRequest.newBuilder(
                URI.create(sim.github().adminUri() + "/repos/acme/shop/workflows/build.yml"))
            .PUT(json("{\"outcome\":\"failure\",\"durationMillis\":200}")));
    HttpResponse<String> seeded =
        send(
            HttpRequest.newBuilder(URI.create(sim.github().adminUri() + "/repos/acme/shop/runs"))
                .POST(json("{\"workflow\":\"build.yml\",\"sha\":\"" + SHA + "\"}")));
    long id = SimJson.MAPPER.readTree(seeded.body()).get("id").asLong();
    URI run = URI.create(sim.github().baseUri() + "/repos/acme/shop/actions/runs/" + id);
    // when
    JsonNode queued = SimJson.MAPPER.readTree(send(authorized(run)).body());
    clock.advance(Duration.ofMillis(150));
    JsonNode running = SimJson.MAPPER.readTree(send(authorized(run)).body());
    clock.advance(Duration.ofMillis(250));
    JsonNode done = SimJson.MAPPER.readTree(send(authorized(run)).body());
    // then
    assertThat(seeded.statusCode()).isEqualTo(201);
    assertThat(queued.get("status").asText()).isEqualTo("queued");
    assertThat(queued.get("conclusion").isNull()).isTrue();
    assertThat(running.get("status").asText()).isEqualTo("in_progress");
    assertThat(done.get("status").asText()).isEqualTo("completed");
    assertThat(done.get("conclusion").asText()).isEqualTo("failure");
    assertThat(done.get("head_sha").asText()).isEqualTo(SHA);
  }

  @Test
  void gitHubRefusesAnUnauthenticatedRequestInItsErrorShape() throws Exception {
    // when
    HttpResponse<String> answer =
        send(
            HttpRequest.newBuilder(URI.create(sim.github().baseUri() + "/repos/a/b/actions/runs")));
    // then
    assertThat(answer.statusCode()).isEqualTo(401);
    JsonNode body = SimJson.MAPPER.readTree(answer.body());
    assertThat(body.get("message").asText()).isEqualTo("Requires authentication");
    assertThat(body.get("documentation_url").asText()).startsWith("https://docs.github.com/");
  }

  @Test
  void jenkinsRefusesAPasswordPostWithoutACrumbWithItsHtmlPage() throws Exception {
    // given
    sim.jenkins().job("deploy", SHA, Behaviour.succeedsAfter(Duration.ZERO));
    String basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(
                    (sim.jenkins().user() + ":" + sim.jenkins().password())
                        .getBytes(StandardCharsets.UTF_8));
    // when
    HttpResponse<String> answer =
        send(
            HttpRequest.newBuilder(URI.create(sim.jenkins().baseUri() + "/job/deploy/build"))
                .header("Authorization", basic)
                .POST(HttpRequest.BodyPublishers.noBody()));
    // then
    assertThat(answer.statusCode()).isEqualTo(403);
    assertThat(answer.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
    assertThat(answer.body()).contains("No valid crumb was included in the request");
  }

  @Test
  void gitLabAnswersAnUnknownProjectWithItsMessageShape() throws Exception {
    // when
    HttpResponse<String> answer =
        send(
            HttpRequest.newBuilder(
                    URI.create(sim.gitlab().baseUri() + "/api/v4/projects/no%2Fsuch/pipelines"))
                .header("PRIVATE-TOKEN", "t"));
    // then
    assertThat(answer.statusCode()).isEqualTo(404);
    assertThat(SimJson.MAPPER.readTree(answer.body()).get("message").asText())
        .isEqualTo("404 Project Not Found");
  }

  @Test
  void eachSystemServesItsOwnAdminApiUnderSandboxOnItsOwnServer() throws Exception {
    // given
    send(
        HttpRequest.newBuilder(URI.create(sim.gitlab().adminUri() + "/projects"))
            .POST(json("{\"id\":7,\"path\":\"g/p\"}")));
    send(
        HttpRequest.newBuilder(URI.create(sim.jenkins().adminUri() + "/jobs"))
            .POST(json("{\"name\":\"deploy\",\"revision\":\"" + SHA + "\"}")));
    // when
    HttpResponse<String> pipeline =
        send(
            HttpRequest.newBuilder(URI.create(sim.gitlab().adminUri() + "/pipelines"))
                .POST(json("{\"project\":\"g/p\",\"sha\":\"" + SHA + "\"}")));
    HttpResponse<String> build =
        send(
            HttpRequest.newBuilder(URI.create(sim.jenkins().adminUri() + "/builds"))
                .POST(json("{\"job\":\"deploy\",\"sha\":\"" + SHA + "\"}")));
    HttpResponse<String> githubOnGitLab =
        send(
            HttpRequest.newBuilder(
                URI.create(sim.gitlab().baseUri() + "/_sandbox/github/dispatches")));
    // then
    assertThat(sim.github().adminUri())
        .isEqualTo(URI.create(sim.github().baseUri() + "/_sandbox/github"));
    assertThat(sim.gitlab().adminUri())
        .isEqualTo(URI.create(sim.gitlab().baseUri() + "/_sandbox/gitlab"));
    assertThat(sim.jenkins().adminUri())
        .isEqualTo(URI.create(sim.jenkins().baseUri() + "/_sandbox/jenkins"));
    assertThat(pipeline.statusCode()).isEqualTo(201);
    assertThat(build.statusCode()).isEqualTo(201);
    assertThat(SimJson.MAPPER.readTree(build.body()).get("number").asInt()).isEqualTo(1);
    assertThat(githubOnGitLab.statusCode()).isEqualTo(404);
  }

  @Test
  void aSystemsAdminResetIgnoresItsFaultsAndClearsOnlyThatSystem() throws Exception {
    // given
    Faults.Spec failing =
        new Faults.Spec(null, null, new Faults.FailNext(5, 503, null), null, null);
    sim.github().server().faults().set(failing);
    sim.gitlab().server().faults().set(failing);
    HttpResponse<String> failed =
        send(authorized(URI.create(sim.github().baseUri() + "/repos/a/b/actions/runs")));
    // when
    HttpResponse<String> dispatches =
        send(HttpRequest.newBuilder(URI.create(sim.github().adminUri() + "/dispatches")));
    HttpResponse<String> reset =
        send(
            HttpRequest.newBuilder(URI.create(sim.github().adminUri() + "/reset"))
                .POST(HttpRequest.BodyPublishers.noBody()));
    // then
    assertThat(failed.statusCode()).isEqualTo(503);
    assertThat(dispatches.statusCode()).isEqualTo(200);
    assertThat(reset.statusCode()).isEqualTo(204);
    assertThat(sim.github().server().faults().spec().failNext()).isNull();
    assertThat(sim.github().server().requests().entries()).isEmpty();
    assertThat(sim.gitlab().server().faults().spec()).isEqualTo(failing);
  }

  @Test
  void gitHubNamesTheDispatchedRunOnlyWhenAskedForRunDetails() throws Exception {
    // given
    sim.github().workflow("acme", "shop", "deploy.yml", Behaviour.succeedsAfter(Duration.ZERO));
    URI dispatches =
        URI.create(
            sim.github().baseUri() + "/repos/acme/shop/actions/workflows/deploy.yml/dispatches");
    // when
    HttpResponse<String> named =
        send(authorized(dispatches).POST(json("{\"ref\":\"main\",\"return_run_details\":true}")));
    JsonNode details = SimJson.MAPPER.readTree(named.body());
    HttpResponse<String> run = send(authorized(URI.create(details.path("run_url").asText())));
    HttpResponse<String> plain =
        send(authorized(dispatches).POST(json("{\"ref\":\"main\",\"return_run_details\":false}")));
    send(
        HttpRequest.newBuilder(URI.create(sim.github().adminUri() + "/legacy-dispatch"))
            .PUT(json("{\"enabled\":true}")));
    HttpResponse<String> legacy =
        send(authorized(dispatches).POST(json("{\"ref\":\"main\",\"return_run_details\":true}")));
    HttpResponse<String> invalid =
        send(
            authorized(dispatches).POST(json("{\"ref\":\"main\",\"return_run_details\":\"yes\"}")));
    // then
    long runId = sim.github().dispatches().get(0).runId();
    assertThat(named.statusCode()).isEqualTo(200);
    assertThat(details.path("workflow_run_id").asLong()).isEqualTo(runId);
    assertThat(details.path("run_url").asText())
        .isEqualTo(sim.github().baseUri() + "/repos/acme/shop/actions/runs/" + runId);
    assertThat(details.path("html_url").asText())
        .isEqualTo(sim.github().baseUri() + "/acme/shop/actions/runs/" + runId);
    assertThat(run.statusCode()).isEqualTo(200);
    assertThat(SimJson.MAPPER.readTree(run.body()).path("event").asText())
        .isEqualTo("workflow_dispatch");
    assertThat(plain.statusCode()).isEqualTo(204);
    assertThat(plain.body()).isEmpty();
    assertThat(legacy.statusCode()).isEqualTo(204);
    assertThat(invalid.statusCode()).isEqualTo(422);
    assertThat(sim.github().dispatches())
        .extracting(GitHubSim.Dispatch::runDetails)
        .containsExactly(true, false, false);
  }

  private static HttpRequest.Builder authorized(URI uri) {
    return HttpRequest.newBuilder(uri).header("Authorization", "Bearer ghs_test");
  }
}
