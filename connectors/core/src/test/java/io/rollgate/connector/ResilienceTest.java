package io.rollgate.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import retrofit2.Call;
import retrofit2.http.GET;

class ResilienceTest {

  interface Api {
    @GET("thing")
    Call<Map<String, Object>> thing();
  }

  private MockWebServer server;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  private Api api(Resilience resilience) {
    return RetrofitApi.create(
        Api.class,
        server.url("/").toString(),
        resilience.httpClient().build(),
        new com.fasterxml.jackson.databind.ObjectMapper());
  }

  private Map<String, Object> get(Resilience resilience) {
    ApiCalls calls = new ApiCalls(resilience.system(), ErrorBodies.plain(), Clock.systemUTC());
    Api api = api(resilience);
    return resilience.call("get-thing", () -> calls.body(api.thing()));
  }

  private static MockResponse ok() {
    return new MockResponse().setHeader("Content-Type", "application/json").setBody("{\"a\":1}");
  }

  @Test
  void repeatsServerErrorsUntilTheCallSucceeds() {
    // given
    server.enqueue(new MockResponse().setResponseCode(503));
    server.enqueue(new MockResponse().setResponseCode(500));
    server.enqueue(ok());
    // when
    Map<String, Object> result = get(TestResilience.fast("github", 4));
    // then
    assertThat(result).containsEntry("a", 1);
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void waitsAsLongAsRetryAfterAsks() {
    // given
    server.enqueue(new MockResponse().setResponseCode(429).setHeader("Retry-After", "1"));
    server.enqueue(ok());
    long start = System.nanoTime();
    // when
    get(TestResilience.fast("servicenow", 3));
    // then
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void countsEachCallOnceByOutcomeAndStatusAfterItsRetries() {
    // given
    var registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
    io.micrometer.core.instrument.Metrics.addRegistry(registry);
    try {
      server.enqueue(new MockResponse().setResponseCode(503));
      server.enqueue(ok());
      server.enqueue(new MockResponse().setResponseCode(404).setBody("gone"));
      Resilience resilience = TestResilience.fast("metered", 3);
      // when
      get(resilience);
      assertThatThrownBy(() -> get(resilience)).isInstanceOf(NonRetryableException.class);
      // then
      assertThat(calls(registry, "ok", "2xx")).isEqualTo(1);
      assertThat(calls(registry, "failed", "404")).isEqualTo(1);
    } finally {
      io.micrometer.core.instrument.Metrics.removeRegistry(registry);
    }
  }

  private static long calls(
      io.micrometer.core.instrument.MeterRegistry registry, String outcome, String status) {
    var timer =
        registry
            .find(Resilience.CALLS_METRIC)
            .tags(
                "system", "metered", "operation", "get-thing", "outcome", outcome, "status", status)
            .timer();
    return timer == null ? 0 : timer.count();
  }

  @Test
  void neverRepeatsAnAnswerWhoseBodyCannotBeRead() {
    // given
    server.enqueue(ok().setBody("{\"a\": [unclosed"));
    // when / then
    assertThatThrownBy(() -> get(TestResilience.fast("servicenow", 4)))
        .isInstanceOf(NonRetryableException.class)
        .hasMessageContaining("could not read the answer");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void neverRepeatsAClientError() {
    // given
    server.enqueue(new MockResponse().setResponseCode(404).setBody("no such thing"));
    // when / then
    assertThatThrownBy(() -> get(TestResilience.fast("gitlab", 4)))
        .isInstanceOf(NonRetryableException.class)
        .hasMessage("gitlab: HTTP 404: no such thing");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void givesUpAfterTheLastAttemptWithARetryableFailure() {
    // given
    for (int i = 0; i < 3; i++) {
      server.enqueue(new MockResponse().setResponseCode(502));
    }
    // when / then
    assertThatThrownBy(() -> get(TestResilience.fast("jenkins", 3)))
        .isInstanceOfSatisfying(RetryableException.class, e -> assertThat(e.status()).contains(502))
        .hasMessage("jenkins: gave up after 3 attempts: HTTP 502");
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void waitsNoLongerThanMaxRetryAfterAndNamesTheLongerWaitItWasAskedFor() {
    // given: three answers asking for an hour's wait, with 300 ms honoured at most
    for (int i = 0; i < 3; i++) {
      server.enqueue(new MockResponse().setResponseCode(429).setHeader("Retry-After", "3600"));
    }
    Resilience resilience =
        Resilience.of("servicenow", TestResilience.fast(3, Duration.ofMillis(300)));
    long start = System.nanoTime();

    // when / then: each wait cut to 300 ms, then a failure that says what was asked
    assertThatThrownBy(() -> get(resilience))
        .isInstanceOfSatisfying(
            RetryableException.class,
            e -> {
              assertThat(e.status()).contains(429);
              assertThat(e.retryAfter()).contains(Duration.ofMillis(300));
            })
        .hasMessage(
            "servicenow: gave up after 3 attempts: HTTP 429; servicenow asked to wait 3600 s"
                + " before calling again (Retry-After), longer than the 300 ms Rollgate waits on"
                + " its own (max-retry-after)");
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(server.getRequestCount()).isEqualTo(3);
    assertThat(took).isBetween(Duration.ofMillis(600), Duration.ofSeconds(30));
  }

  @Test
  void aLongRetryAfterOnTheOnlyAttemptIsCutToMaxRetryAfterAndNamed() {
    // given
    server.enqueue(new MockResponse().setResponseCode(503).setHeader("Retry-After", "600"));

    // when / then: the caller (a job's back-off) waits 5 s, not 10 minutes
    assertThatThrownBy(() -> get(TestResilience.fast("launchdarkly", 1)))
        .isInstanceOfSatisfying(
            RetryableException.class,
            e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(5)))
        .hasMessageContaining(
            "launchdarkly asked to wait 600 s before calling again (Retry-After)");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void reportsATimeoutAsRetryable() {
    // given
    ResilienceSettings impatient =
        TestResilience.fast(2)
            .withReadAndCallTimeouts(Duration.ofMillis(200), Duration.ofSeconds(1));
    server.enqueue(ok().setHeadersDelay(1, TimeUnit.SECONDS));
    server.enqueue(ok().setHeadersDelay(1, TimeUnit.SECONDS));
    // when / then
    assertThatThrownBy(() -> get(Resilience.of("servicenow", impatient)))
        .isInstanceOf(RetryableException.class)
        .hasMessageContaining("gave up after 2 attempts: timed out");
  }

  @Test
  void opensTheCircuitAfterRepeatedFailuresAndClosesItAfterASuccessfulProbe() throws Exception {
    // given a circuit of 4 calls at 50 % and attempts of one call each
    Resilience resilience = TestResilience.fast("github", 1);
    for (int i = 0; i < 4; i++) {
      server.enqueue(new MockResponse().setSocketPolicy(SocketPolicy.DISCONNECT_AT_START));
    }
    for (int i = 0; i < 4; i++) {
      assertThatThrownBy(() -> get(resilience)).isInstanceOf(RetryableException.class);
    }
    // when the circuit is open, calls fail without reaching the server
    assertThat(resilience.circuitState()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThatThrownBy(() -> get(resilience))
        .isInstanceOf(RetryableException.class)
        .hasMessageContaining("circuit open after repeated failures (the last: no answer");
    assertThat(server.getRequestCount()).isEqualTo(4);
    // then after the open wait a probe goes through and closes it
    Thread.sleep(resilience.settings().waitInOpenState().toMillis() + 50);
    server.enqueue(ok());
    assertThat(get(resilience)).containsEntry("a", 1);
    assertThat(resilience.circuitState()).isEqualTo(CircuitBreaker.State.CLOSED);
  }

  @Test
  void clientErrorsDoNotOpenTheCircuit() {
    // given
    Resilience resilience = TestResilience.fast("gitlab", 1);
    for (int i = 0; i < 6; i++) {
      server.enqueue(new MockResponse().setResponseCode(403));
    }
    // when
    for (int i = 0; i < 6; i++) {
      assertThatThrownBy(() -> get(resilience)).isInstanceOf(NonRetryableException.class);
    }
    // then
    assertThat(resilience.circuitState()).isEqualTo(CircuitBreaker.State.CLOSED);
  }

  @Test
  void spreadsBackOffExponentiallyWithinItsCap() {
    Resilience resilience = TestResilience.fast("github", 5);
    assertThat(resilience.backoff(1).toMillis()).isBetween(16L, 24L);
    assertThat(resilience.backoff(3).toMillis()).isBetween(64L, 96L);
    assertThat(resilience.backoff(10).toMillis()).isBetween(160L, 240L);
  }
}
