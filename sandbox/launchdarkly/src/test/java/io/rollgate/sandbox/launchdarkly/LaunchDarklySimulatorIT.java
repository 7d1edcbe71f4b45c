package io.rollgate.sandbox.launchdarkly;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rollgate.sandbox.Faults;
import io.rollgate.sandbox.SimJson;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LaunchDarklySimulatorIT {

  private static final String SEMANTIC_PATCH =
      "application/json; domain-model=launchdarkly.semanticpatch";
  private static final String FLAG = "/api/v2/flags/rollgate/checkout-v2";

  private final HttpClient http = HttpClient.newHttpClient();
  private LaunchDarklySimulator sim;

  @BeforeEach
  void start() throws Exception {
    sim = LaunchDarklySimulator.start();
    assertThat(
            admin("environments", "{\"projectKey\":\"rollgate\",\"key\":\"staging\"}").statusCode())
        .isEqualTo(201);
    admin(
        "environments",
        "{\"projectKey\":\"rollgate\",\"key\":\"production\",\"approvalRequired\":true}");
    assertThat(
            admin(
                    "flags",
                    "{\"projectKey\":\"rollgate\",\"key\":\"checkout-v2\",\"variations\":["
                        + "{\"id\":\"v-on\",\"value\":true},{\"id\":\"v-off\",\"value\":false}],"
                        + "\"on\":false,\"fallthroughVariation\":0,\"offVariation\":1,"
                        + "\"version\":1}")
                .statusCode())
        .isEqualTo(201);
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private HttpResponse<String> admin(String what, String body) throws Exception {
    return send(
        HttpRequest.newBuilder(uri("/_sandbox/launchdarkly/" + what))
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private HttpResponse<String> api(String method, String path, String contentType, String body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri(path))
            .header("Authorization", sim.apiToken())
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    return send(b);
  }

  private HttpResponse<String> patch(String environment, String instructions) throws Exception {
    return api(
        "PATCH",
        FLAG,
        SEMANTIC_PATCH,
        "{\"environmentKey\":\"" + environment + "\",\"instructions\":" + instructions + "}");
  }

  private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create(sim.baseUri() + path);
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    return SimJson.MAPPER.readTree(r.body());
  }

  @Test
  void appliesSemanticPatchInstructionsAndBumpsTheVersions() throws Exception {
    // when
    HttpResponse<String> r =
        patch(
            "staging",
            "[{\"kind\":\"turnFlagOn\"},{\"kind\":\"updateFallthroughVariationOrRollout\","
                + "\"rolloutWeights\":{\"v-on\":25000,\"v-off\":75000}}]");
    // then
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode staging = json(r).path("environments").path("staging");
    assertThat(staging.path("on").asBoolean()).isTrue();
    assertThat(staging.path("version").asInt()).isEqualTo(2);
    assertThat(staging.path("fallthrough").path("rollout").path("variations").toString())
        .isEqualTo("[{\"variation\":0,\"weight\":25000},{\"variation\":1,\"weight\":75000}]");
    assertThat(json(r).path("_version").asInt()).isEqualTo(2);
    assertThat(sim.flagVersion("rollgate", "checkout-v2", "production")).isEqualTo(1);
  }

  @Test
  void keepsTheVersionWhenAPatchChangesNothingOrIsADryRun() throws Exception {
    // when
    patch("staging", "[{\"kind\":\"turnFlagOff\"}]");
    HttpResponse<String> dry =
        api(
            "PATCH",
            FLAG + "?dryRun=true",
            SEMANTIC_PATCH,
            "{\"environmentKey\":\"staging\",\"instructions\":[{\"kind\":\"turnFlagOn\"}]}");
    // then
    assertThat(json(dry).path("environments").path("staging").path("on").asBoolean()).isTrue();
    assertThat(sim.flagVersion("rollgate", "checkout-v2", "staging")).isEqualTo(1);
  }

  @Test
  void rejectsUnknownInstructionsAndBadWeightsInLaunchDarklysErrorShape() throws Exception {
    // when
    HttpResponse<String> unknown = patch("staging", "[{\"kind\":\"flipIt\"}]");
    HttpResponse<String> badSum =
        patch(
            "staging",
            "[{\"kind\":\"updateFallthroughVariationOrRollout\","
                + "\"rolloutWeights\":{\"v-on\":100001}}]");
    HttpResponse<String> jsonPatch = api("PATCH", FLAG, "application/json", "[]");
    // then
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(json(unknown).path("code").asText()).isEqualTo("invalid_request");
    assertThat(json(unknown).path("message").asText()).contains("flipIt");
    assertThat(badSum.statusCode()).isEqualTo(400);
    assertThat(jsonPatch.statusCode()).isEqualTo(400);
    assertThat(sim.flagVersion("rollgate", "checkout-v2", "staging")).isEqualTo(1);
  }

  @Test
  void refusesAMissingOrWrongApiToken() throws Exception {
    // when
    HttpResponse<String> r =
        send(HttpRequest.newBuilder(uri(FLAG)).header("Authorization", "api-wrong"));
    // then
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.body())
        .isEqualTo("{\"code\":\"unauthorized\",\"message\":\"Invalid access token\"}");
  }

  @Test
  void changesInAnApprovalEnvironmentNeedAnApprovedAppliedRequest() throws Exception {
    // given
    HttpResponse<String> direct = patch("production", "[{\"kind\":\"turnFlagOn\"}]");
    String approvals =
        "/api/v2/projects/rollgate/flags/checkout-v2/environments/production/approval-requests";
    HttpResponse<String> created =
        api(
            "POST",
            approvals,
            "application/json",
            "{\"description\":\"r-42\",\"instructions\":[{\"kind\":\"turnFlagOn\"}]}");
    String id = json(created).path("_id").asText();
    // when
    HttpResponse<String> tooEarly =
        api("POST", approvals + "/" + id + "/apply", "application/json", "{}");
    HttpResponse<String> reviewed =
        api(
            "POST",
            approvals + "/" + id + "/reviews",
            "application/json",
            "{\"kind\":\"approve\"}");
    HttpResponse<String> applied =
        api("POST", approvals + "/" + id + "/apply", "application/json", "{}");
    // then
    assertThat(direct.statusCode()).isEqualTo(405);
    assertThat(json(direct).path("code").asText()).isEqualTo("method_not_allowed");
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(json(created).path("reviewStatus").asText()).isEqualTo("pending");
    assertThat(tooEarly.statusCode()).isEqualTo(400);
    assertThat(json(reviewed).path("reviewStatus").asText()).isEqualTo("approved");
    assertThat(json(applied).path("status").asText()).isEqualTo("completed");
    assertThat(sim.flagVersion("rollgate", "checkout-v2", "production")).isEqualTo(2);
    assertThat(
            json(api("GET", "/api/v2/projects/rollgate/environments/production", null, null))
                .path("approvalSettings")
                .path("required")
                .asBoolean())
        .isTrue();
  }

  @Test
  void listsTheFlagsApprovalRequestsOfOneEnvironment() throws Exception {
    // given
    String approvals =
        "/api/v2/projects/rollgate/flags/checkout-v2/environments/production/approval-requests";
    HttpResponse<String> before = api("GET", approvals, null, null);
    api(
        "POST",
        approvals,
        "application/json",
        "{\"description\":\"r-42\",\"instructions\":[{\"kind\":\"turnFlagOn\"}]}");
    // when
    HttpResponse<String> listed = api("GET", approvals, null, null);
    HttpResponse<String> staging =
        api(
            "GET",
            "/api/v2/projects/rollgate/flags/checkout-v2/environments/staging/approval-requests",
            null,
            null);
    HttpResponse<String> unknown =
        api(
            "GET",
            "/api/v2/projects/rollgate/flags/checkout-v2/environments/nope/approval-requests",
            null,
            null);
    // then
    assertThat(before.statusCode()).isEqualTo(200);
    assertThat(json(before).path("items").size()).isZero();
    assertThat(listed.statusCode()).isEqualTo(200);
    JsonNode item = json(listed).path("items").get(0);
    assertThat(json(listed).path("items").size()).isEqualTo(1);
    assertThat(item.path("_id").asText()).isEqualTo(sim.approvalRequestIds().get(0));
    assertThat(item.path("description").asText()).isEqualTo("r-42");
    assertThat(item.path("reviewStatus").asText()).isEqualTo("pending");
    assertThat(item.path("status").asText()).isEqualTo("pending");
    assertThat(item.path("instructions").toString()).isEqualTo("[{\"kind\":\"turnFlagOn\"}]");
    assertThat(json(listed).path("_links").path("self").path("href").asText()).isEqualTo(approvals);
    assertThat(json(staging).path("items").size()).isZero();
    assertThat(unknown.statusCode()).isEqualTo(404);
  }

  @Test
  void storesASlowApprovalCreateAtOnceButAnswersItLate() throws Exception {
    // given
    String approvals =
        "/api/v2/projects/rollgate/flags/checkout-v2/environments/production/approval-requests";
    HttpResponse<String> knob =
        send(
            HttpRequest.newBuilder(uri("/_sandbox/launchdarkly/slow-creates"))
                .PUT(HttpRequest.BodyPublishers.ofString("{\"delayMillis\":800,\"count\":1}")));
    long started = System.nanoTime();
    // when
    var created =
        http.sendAsync(
            HttpRequest.newBuilder(uri(approvals))
                .header("Authorization", sim.apiToken())
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"description\":\"r-42\",\"instructions\":[{\"kind\":\"turnFlagOn\"}]}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    int listedWhileWaiting = 0;
    while (listedWhileWaiting == 0 && !created.isDone()) {
      listedWhileWaiting = json(api("GET", approvals, null, null)).path("items").size();
      Thread.sleep(20);
    }
    HttpResponse<String> answer = created.get();
    long tookMillis = (System.nanoTime() - started) / 1_000_000;
    HttpResponse<String> fast =
        api(
            "POST",
            approvals,
            "application/json",
            "{\"description\":\"r-43\",\"instructions\":[{\"kind\":\"turnFlagOff\"}]}");
    // then
    assertThat(knob.statusCode()).isEqualTo(204);
    assertThat(listedWhileWaiting).isEqualTo(1);
    assertThat(answer.statusCode()).isEqualTo(201);
    assertThat(tookMillis).isGreaterThanOrEqualTo(800);
    assertThat(fast.statusCode()).isEqualTo(201);
    assertThat(sim.approvalRequestIds()).hasSize(2);
  }

  @Test
  void namesTheRateLimitResetInEpochMillisecondsWithoutRetryAfter() throws Exception {
    // given
    sim.rateLimit(1, Duration.ofSeconds(5));
    long before = System.currentTimeMillis();
    // when
    HttpResponse<String> first = api("GET", FLAG, null, null);
    HttpResponse<String> limited = api("GET", FLAG, null, null);
    // then
    assertThat(first.headers().firstValue("X-Ratelimit-Route-Remaining")).contains("0");
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(json(limited).path("code").asText()).isEqualTo("rate_limited");
    assertThat(limited.headers().firstValue("Retry-After")).isEmpty();
    long reset = Long.parseLong(limited.headers().firstValue("X-Ratelimit-Reset").orElseThrow());
    assertThat(reset).isBetween(before + 4_000, before + 6_000);
  }

  @Test
  void announcesASharedFaultKnob429AsLaunchDarklyDoesWithTheResetInstant() throws Exception {
    // given
    sim.faults().set(new Faults.Spec(null, null, new Faults.FailNext(1, 429, 2), null, null));
    long before = System.currentTimeMillis();
    // when
    HttpResponse<String> limited = api("GET", FLAG, null, null);
    // then
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("Retry-After")).isEmpty();
    long reset = Long.parseLong(limited.headers().firstValue("X-Ratelimit-Reset").orElseThrow());
    assertThat(reset).isBetween(before + 1_500, before + 3_000);
  }

  @Test
  void streamsAPutAndThenAPatchPerChangeToTheEnvironmentsSdk() throws Exception {
    // given
    HttpResponse<InputStream> stream =
        http.send(
            HttpRequest.newBuilder(uri("/all"))
                .header("Authorization", "sdk-rollgate-staging")
                .build(),
            HttpResponse.BodyHandlers.ofInputStream());
    try (BufferedReader events =
        new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
      assertThat(events.readLine()).isEqualTo("event: put");
      JsonNode put = SimJson.MAPPER.readTree(events.readLine().substring("data: ".length()));
      events.readLine();
      // when
      patch("staging", "[{\"kind\":\"turnFlagOn\"}]");
      patch("production", "[{\"kind\":\"turnFlagOn\"}]");
      // then
      assertThat(put.path("data").path("flags").path("checkout-v2").path("version").asInt())
          .isEqualTo(1);
      assertThat(events.readLine()).isEqualTo("event: patch");
      JsonNode patch = SimJson.MAPPER.readTree(events.readLine().substring("data: ".length()));
      assertThat(patch.path("path").asText()).isEqualTo("/flags/checkout-v2");
      assertThat(patch.path("data").path("version").asInt()).isEqualTo(2);
      assertThat(patch.path("data").path("on").asBoolean()).isTrue();
      assertThat(patch.path("data").path("variations").toString()).isEqualTo("[true,false]");
    }
    HttpResponse<String> polled =
        send(
            HttpRequest.newBuilder(uri("/sdk/latest-all"))
                .header("Authorization", "sdk-rollgate-staging"));
    assertThat(json(polled).path("flags").path("checkout-v2").path("version").asInt()).isEqualTo(2);
  }

  @Test
  void acceptsSdkEventsOnlyWithAKnownSdkKey() throws Exception {
    // when
    HttpResponse<String> accepted =
        send(
            HttpRequest.newBuilder(uri("/bulk"))
                .header("Authorization", "sdk-rollgate-staging")
                .POST(HttpRequest.BodyPublishers.ofString("[]")));
    HttpResponse<String> refused =
        send(
            HttpRequest.newBuilder(uri("/diagnostic"))
                .header("Authorization", "sdk-unknown")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
    // then
    assertThat(accepted.statusCode()).isEqualTo(202);
    assertThat(refused.statusCode()).isEqualTo(401);
  }
}
