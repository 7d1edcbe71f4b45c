package io.rollgate.connector.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rollgate.connector.NonRetryableException;
import io.rollgate.connector.RetryableException;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MetricsClientTest {

  private static final String METRICS =
      """
      # HELP http_error_ratio Share of requests answered 5xx over the last minute.
      # TYPE http_error_ratio gauge
      http_error_ratio{route="/checkout",method="POST"} 0.02
      http_error_ratio{route="/cart",note="a } in a label"} 0.07 1733500000000
      http_error_ratio_total 42
      http_latency_p99_seconds 0.350
      idle_gauge NaN
      """;

  private final MetricsClient client = new MetricsClient(Duration.ofSeconds(2));
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

  @Test
  void readsTheLargestSampleOfTheMetricOverItsLabelSets() throws InterruptedException {
    // given
    server.enqueue(new MockResponse().setBody(METRICS));

    // when
    var errorRate = client.max(endpoint(), "http_error_ratio");

    // then
    assertThat(errorRate).hasValue(0.07);
    RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
    assertThat(request.getPath()).isEqualTo("/actuator/prometheus");
    assertThat(request.getHeader("Accept")).startsWith("text/plain");
  }

  @Test
  void aMetricWithoutSamplesOrOnlyNaNHasNoValue() {
    // given
    server.enqueue(new MockResponse().setBody(METRICS));
    server.enqueue(new MockResponse().setBody(METRICS));

    // when / then
    assertThat(client.max(endpoint(), "http_errors")).isEmpty();
    assertThat(client.max(endpoint(), "idle_gauge")).isEmpty();
  }

  @Test
  void anEndpointAnsweringAnErrorIsAFailureNamingTheStatus() {
    // given
    server.enqueue(new MockResponse().setResponseCode(503));

    // when / then
    assertThatThrownBy(() -> client.max(endpoint(), "http_error_ratio"))
        .isInstanceOf(RetryableException.class)
        .hasMessageContaining("HTTP 503");
  }

  @Test
  void anEndpointThatDoesNotAnswerInTimeIsAFailure() {
    // given
    server.enqueue(new MockResponse().setBody(METRICS).setHeadersDelay(5, TimeUnit.SECONDS));

    // when / then
    assertThatThrownBy(() -> client.max(endpoint(), "http_error_ratio"))
        .isInstanceOf(RetryableException.class)
        .hasMessageContaining("timed out");
  }

  @Test
  void aSampleWithoutANumberIsRefused() {
    // given
    server.enqueue(new MockResponse().setBody("http_error_ratio lots\n"));

    // when / then
    assertThatThrownBy(() -> client.max(endpoint(), "http_error_ratio"))
        .isInstanceOf(NonRetryableException.class)
        .hasMessageContaining("no number");
  }

  private URI endpoint() {
    return server.url("/actuator/prometheus").uri();
  }
}
