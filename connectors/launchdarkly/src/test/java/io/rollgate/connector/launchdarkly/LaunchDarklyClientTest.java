package io.rollgate.connector.launchdarkly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rollgate.connector.Resilience;
import io.rollgate.connector.ResilienceSettings;
import io.rollgate.connector.RetryableException;
import io.rollgate.connector.Secret;
import io.rollgate.connector.TestResilience;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the client sends and how it reads LaunchDarkly's answers, against MockWebServer. */
class LaunchDarklyClientTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "api-0123-test-token";
  private static final String TRUE_ID = LaunchDarklyScenarios.TRUE_ID;
  private static final String FALSE_ID = LaunchDarklyScenarios.FALSE_ID;
  private static final FlagRef STAGING = LaunchDarklyScenarios.STAGING;
  private static final FlagRef PRODUCTION = LaunchDarklyScenarios.PRODUCTION;

  private MockWebServer server;
  private LaunchDarklyClient client;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start(InetAddress.getLoopbackAddress(), 0);
    client = clientWithConflictRetries(3);
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  private LaunchDarklyClient clientWithConflictRetries(int retries) {
    return LaunchDarklyClient.create(
        new LaunchDarklySettings(server.url("/").uri(), Secret.of(TOKEN), retries),
        TestResilience.fast("launchdarkly", 3),
        Clock.systemUTC());
  }

  private void answer(int status, String fixture) {
    server.enqueue(
        new MockResponse()
            .setResponseCode(status)
            .setHeader("Content-Type", "application/json")
            .setBody(Fixtures.read(fixture)));
  }

  private RecordedRequest taken() throws InterruptedException {
    RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
    assertThat(request).as("a request reached the server").isNotNull();
    SpecValidator.assertConforms(request);
    return request;
  }

  private static JsonNode json(String text) throws IOException {
    return JSON.readTree(text);
  }

  @Test
  void sendsARolloutAsASemanticPatchWithTheTokenAndTheDomainModelContentType() throws Exception {
    // given
    answer(200, "flag-staging-rollout-v4.json");
    // when
    client.apply(STAGING, FlagChange.Rollout.twoWay(TRUE_ID, FALSE_ID, 10_000), "wave 1: 10%");
    // then
    RecordedRequest request = taken();
    assertThat(request.getMethod()).isEqualTo("PATCH");
    assertThat(request.getPath()).isEqualTo("/api/v2/flags/rollgate/checkout-v2");
    assertThat(request.getHeader("Authorization")).isEqualTo(TOKEN);
    assertThat(request.getHeader("Content-Type"))
        .isEqualTo("application/json; domain-model=launchdarkly.semanticpatch");
    assertThat(json(request.getBody().readUtf8()))
        .isEqualTo(
            json(
                "{\"environmentKey\":\"staging\",\"comment\":\"wave 1: 10%\",\"instructions\":"
                    + "[{\"kind\":\"updateFallthroughVariationOrRollout\",\"rolloutWeights\":{\""
                    + TRUE_ID
                    + "\":10000,\""
                    + FALSE_ID
                    + "\":90000}}]}"));
  }

  @Test
  void sendsChangesMadeTogetherAsOnePatchWithAnInstructionEachInOrder() throws Exception {
    // given
    answer(200, "flag-staging-rollout-v4.json");
    // when
    client.apply(
        STAGING,
        FlagChange.together(
            List.of(FlagChange.Rollout.twoWay(TRUE_ID, FALSE_ID, 10_000), FlagChange.turnOn())),
        "wave 1: 10%");
    // then
    assertThat(server.getRequestCount()).isEqualTo(1);
    assertThat(json(taken().getBody().readUtf8()).path("instructions"))
        .isEqualTo(
            json(
                "[{\"kind\":\"updateFallthroughVariationOrRollout\",\"rolloutWeights\":{\""
                    + TRUE_ID
                    + "\":10000,\""
                    + FALSE_ID
                    + "\":90000}},{\"kind\":\"turnFlagOn\"}]"));
  }

  @Test
  void changesMadeTogetherAreSingleChangesAndAtLeastOne() {
    assertThat(FlagChange.together(List.of(FlagChange.turnOn()))).isEqualTo(FlagChange.turnOn());
    assertThatThrownBy(() -> FlagChange.together(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    FlagChange twoAtOnce = FlagChange.together(List.of(FlagChange.turnOn(), FlagChange.turnOff()));
    assertThatThrownBy(() -> FlagChange.together(List.of(twoAtOnce, FlagChange.turnOn())))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sendsTurnFlagOnAndServeVariationInstructionsWithoutEmptyFields() throws Exception {
    // given
    answer(200, "flag-staging-v4.json");
    answer(200, "flag-staging-v4.json");
    // when
    client.apply(STAGING, FlagChange.turnOn(), null);
    client.apply(STAGING, new FlagChange.ServeVariation(TRUE_ID), "serve true");
    // then
    assertThat(json(taken().getBody().readUtf8()))
        .isEqualTo(
            json("{\"environmentKey\":\"staging\",\"instructions\":[{\"kind\":\"turnFlagOn\"}]}"));
    assertThat(json(taken().getBody().readUtf8()).path("instructions").get(0))
        .isEqualTo(
            json(
                "{\"kind\":\"updateFallthroughVariationOrRollout\",\"variationId\":\""
                    + TRUE_ID
                    + "\"}"));
  }

  @Test
  void readsOneEnvironmentWithTheEnvQuery() throws Exception {
    // given
    answer(200, "flag-staging-v3.json");
    // when
    FlagState state = client.getFlag(STAGING);
    // then
    RecordedRequest request = taken();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getRequestUrl().encodedPath())
        .isEqualTo("/api/v2/flags/rollgate/checkout-v2");
    assertThat(request.getRequestUrl().queryParameter("env")).isEqualTo("staging");
    assertThat(request.getHeader("Authorization")).isEqualTo(TOKEN);
    assertThat(state.version()).isEqualTo(3);
    assertThat(state.flagVersion()).isEqualTo(5);
  }

  @Test
  void looksForAnOpenApprovalRequestThenOpensOneCarryingTheChangeAndAppliesIt() throws Exception {
    // given
    answer(200, "approval-requests-none.json");
    answer(201, "approval-pending.json");
    answer(200, "approval-applied.json");
    // when
    ApprovalRequest pending =
        client.requestApproval(PRODUCTION, FlagChange.turnOff(), "Rollgate release r-42");
    ApprovalRequest applied = client.applyApproval(PRODUCTION, pending.id(), "go");
    // then
    RecordedRequest list = taken();
    assertThat(list.getMethod()).isEqualTo("GET");
    assertThat(list.getPath()).isEqualTo(LaunchDarklyScenarios.APPROVALS_PATH);
    assertThat(list.getHeader("Authorization")).isEqualTo(TOKEN);
    assertThat(list.getBodySize()).isZero();
    RecordedRequest create = taken();
    assertThat(create.getMethod()).isEqualTo("POST");
    assertThat(create.getPath()).isEqualTo(LaunchDarklyScenarios.APPROVALS_PATH);
    assertThat(json(create.getBody().readUtf8()))
        .isEqualTo(
            json(
                "{\"description\":\"Rollgate release r-42\","
                    + "\"instructions\":[{\"kind\":\"turnFlagOff\"}]}"));
    RecordedRequest apply = taken();
    assertThat(apply.getPath())
        .isEqualTo(LaunchDarklyScenarios.APPROVALS_PATH + "/12ab3c45de678910abc12345/apply");
    assertThat(json(apply.getBody().readUtf8())).isEqualTo(json("{\"comment\":\"go\"}"));
    assertThat(pending.createdAt()).isNotNull();
    assertThat(applied.applied()).isTrue();
  }

  @Test
  void reusesTheOldestOpenApprovalRequestCarryingTheSameChangeInsteadOfOpeningAnother()
      throws Exception {
    // given requests for the change that were applied or declined, open ones for another
    // description or instruction, and two open ones for exactly this change
    answer(200, "approval-requests-open.json");
    // when
    ApprovalRequest request =
        client.requestApproval(
            PRODUCTION, FlagChange.turnOff(), "Rollgate release r-42: turnFlagOff");
    // then
    RecordedRequest list = taken();
    assertThat(list.getMethod()).isEqualTo("GET");
    assertThat(list.getPath()).isEqualTo(LaunchDarklyScenarios.APPROVALS_PATH);
    assertThat(request.id()).isEqualTo("12ab3c45de678910abc12345");
    assertThat(request.reviewStatus()).isEqualTo(ApprovalRequest.ReviewStatus.PENDING);
    assertThat(request.createdAt()).isEqualTo(java.time.Instant.ofEpochMilli(1764000001000L));
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void opensANewApprovalRequestWhenNoOpenOneHasTheSameDescription() throws Exception {
    // given the same open requests, none of them described as this one
    answer(200, "approval-requests-open.json");
    answer(201, "approval-pending.json");
    // when
    client.requestApproval(PRODUCTION, FlagChange.turnOff(), "Rollgate release r-43: turnFlagOff");
    // then
    assertThat(taken().getMethod()).isEqualTo("GET");
    RecordedRequest create = taken();
    assertThat(create.getMethod()).isEqualTo("POST");
    assertThat(json(create.getBody().readUtf8()).path("description").asText())
        .isEqualTo("Rollgate release r-43: turnFlagOff");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void reusesAnOpenRolloutRequestWhateverTheOrderOfItsWeights() throws Exception {
    // given an open request whose rollout lists the weights the other way round
    String item =
        Fixtures.read("approval-pending.json")
            .replace(
                "{\n      \"kind\": \"turnFlagOff\"\n    }",
                "{\"kind\":\"updateFallthroughVariationOrRollout\",\"rolloutWeights\":{\""
                    + FALSE_ID
                    + "\":90000,\""
                    + TRUE_ID
                    + "\":10000}}")
            .replace("Rollgate release r-42: turnFlagOff", "wave 1: 10%");
    assertThat(item).contains("rolloutWeights");
    server.enqueue(
        new MockResponse()
            .setHeader("Content-Type", "application/json")
            .setBody("{\"items\":[" + item + "],\"_links\":{}}"));
    // when
    ApprovalRequest request =
        client.requestApproval(
            PRODUCTION, FlagChange.Rollout.twoWay(TRUE_ID, FALSE_ID, 10_000), "wave 1: 10%");
    // then
    assertThat(taken().getMethod()).isEqualTo("GET");
    assertThat(request.id()).isEqualTo("12ab3c45de678910abc12345");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void reusesTheRequestAnUnansweredCreateOpenedWhenItTriesAgain() throws Exception {
    // given a 300 ms read timeout; the create reaches LaunchDarkly but its answer comes too late
    LaunchDarklyClient impatient =
        LaunchDarklyClient.create(
            new LaunchDarklySettings(server.url("/").uri(), Secret.of(TOKEN), 3),
            Resilience.of("launchdarkly", withReadTimeout(Duration.ofMillis(300))),
            Clock.systemUTC());
    answer(200, "approval-requests-none.json");
    server.enqueue(
        new MockResponse()
            .setResponseCode(201)
            .setHeader("Content-Type", "application/json")
            .setBody(Fixtures.read("approval-pending.json"))
            .setHeadersDelay(800, TimeUnit.MILLISECONDS));
    String listed =
        "{\"items\":["
            + Fixtures.read("approval-pending.json")
                .replace("Rollgate release r-42: turnFlagOff", "Rollgate release r-42")
            + "],\"_links\":{}}";
    server.enqueue(
        new MockResponse().setHeader("Content-Type", "application/json").setBody(listed));
    // when
    ApprovalRequest request =
        impatient.requestApproval(PRODUCTION, FlagChange.turnOff(), "Rollgate release r-42");
    // then
    assertThat(taken().getMethod()).isEqualTo("GET");
    assertThat(taken().getMethod()).isEqualTo("POST");
    assertThat(taken().getMethod()).isEqualTo("GET");
    assertThat(request.id()).isEqualTo("12ab3c45de678910abc12345");
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  private static ResilienceSettings withReadTimeout(Duration readTimeout) {
    ResilienceSettings fast = TestResilience.fast(3);
    return fast.withReadAndCallTimeouts(readTimeout, fast.callTimeout());
  }

  @Test
  void refusesARolloutAboveFullWeightBeforeSendingAnything() {
    // when / then
    assertThatThrownBy(() -> FlagChange.Rollout.of(Map.of(TRUE_ID, 100_001, FALSE_ID, 0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0..100000");
    assertThatThrownBy(() -> FlagChange.Rollout.of(Map.of(TRUE_ID, 10_000, FALSE_ID, 10_000)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sum to 20000");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void waitsUntilTheRateLimitResetsThenSucceeds() throws Exception {
    // given
    long reset = System.currentTimeMillis() + 400;
    server.enqueue(
        new MockResponse()
            .setResponseCode(429)
            .setHeader("Content-Type", "application/json")
            .setHeader("X-Ratelimit-Route-Remaining", "0")
            .setHeader("X-Ratelimit-Global-Remaining", "120")
            .setHeader("X-Ratelimit-Reset", String.valueOf(reset))
            .setBody(Fixtures.read("error-rate-limited.json")));
    answer(200, "flag-staging-v3.json");
    // when
    FlagState state = client.getFlag(STAGING);
    // then
    assertThat(System.currentTimeMillis()).isGreaterThanOrEqualTo(reset - 50);
    assertThat(state.version()).isEqualTo(3);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void surfacesPersistentServerErrorsAsRetryableAfterEveryAttempt() {
    // given
    for (int i = 0; i < 3; i++) {
      answer(500, "error-server.json");
    }
    // when / then
    assertThatThrownBy(() -> client.getFlag(STAGING))
        .isInstanceOf(RetryableException.class)
        .hasMessageContaining("gave up after 3 attempts")
        .hasMessageContaining("internal_server_error");
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void givesUpWithAConflictWhenConcurrentChangesKeepWinning() {
    // given
    LaunchDarklyClient oneRetry = clientWithConflictRetries(1);
    answer(409, "error-conflict.json");
    answer(200, "flag-staging-v4.json");
    answer(409, "error-conflict.json");
    answer(200, "flag-staging-v4.json");
    // when / then
    assertThatThrownBy(() -> oneRetry.apply(STAGING, FlagChange.turnOff(), null))
        .isInstanceOf(FlagConflictException.class)
        .hasMessageContaining("optimistic_locking_error");
    assertThat(server.getRequestCount()).isEqualTo(4);
  }

  @Test
  void acceptsAConflictWhenTheFlagAlreadyIsAsWanted() throws Exception {
    // given
    answer(409, "error-conflict.json");
    answer(200, "flag-staging-rollout-v4.json");
    // when
    FlagState state =
        client.apply(STAGING, FlagChange.Rollout.twoWay(TRUE_ID, FALSE_ID, 10_000), null);
    // then
    assertThat(state.version()).isEqualTo(4);
    assertThat(taken().getMethod()).isEqualTo("PATCH");
    assertThat(taken().getMethod()).isEqualTo("GET");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void reportsThatADirectChangeNeedsApproval() {
    // given
    answer(405, "error-approval-required.json");
    // when / then
    assertThatThrownBy(() -> client.apply(PRODUCTION, FlagChange.turnOff(), null))
        .isInstanceOf(ApprovalRequiredException.class)
        .hasMessageContaining("Approval is required");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void neverShowsTheTokenInSettings() {
    // when
    String shown = new LaunchDarklySettings(server.url("/").uri(), Secret.of(TOKEN), 3).toString();
    // then
    assertThat(shown).doesNotContain(TOKEN);
  }
}
