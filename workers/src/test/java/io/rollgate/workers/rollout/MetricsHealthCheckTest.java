package io.rollgate.workers.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import com.sun.net.httpserver.HttpServer;
import io.camunda.client.exception.BpmnError;
import io.rollgate.connector.metrics.MetricsClient;
import io.rollgate.workers.HealthMetrics;
import io.rollgate.workers.HealthMetrics.Threshold;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The health check reading a service's metrics from a Prometheus endpoint on loopback. */
class MetricsHealthCheckTest {

  private static final List<Threshold> THRESHOLDS =
      List.of(
          new Threshold("http_error_ratio", 0.05), new Threshold("http_latency_p99_seconds", 0.5));

  private HttpServer server;
  private volatile int status = 200;
  private volatile String metrics = "";
  private final CountDownLatch release = new CountDownLatch(1);
  private volatile boolean hang;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/metrics",
        exchange -> {
          if (hang) {
            awaitRelease();
          }
          byte[] body = metrics.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
          exchange.sendResponseHeaders(status, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.stop(0);
  }

  @Test
  void aWaveWithinItsThresholdsIsHealthyWithTheReadingsAsEvidence() {
    // given
    metrics = "http_error_ratio{route=\"/pay\"} 0.01\nhttp_latency_p99_seconds 0.2\n";

    // when
    HealthCheckWorker.Output out = worker("checkout").handle(wave("checkout"));

    // then
    assertThat(out.healthy()).isTrue();
    assertThat(out.healthVerdict()).isEqualTo("HEALTHY");
    assertThat(out.healthEvidence())
        .contains("http_error_ratio 0.01 within 0.05")
        .contains("http_latency_p99_seconds 0.2 within 0.5");
  }

  @Test
  void anErrorRateAboveItsThresholdIsARegressionBeforeAnyIncidentIsFiled() {
    // given
    metrics =
        "http_error_ratio{route=\"/pay\"} 0.01\nhttp_error_ratio{route=\"/cart\"} 0.09\n"
            + "http_latency_p99_seconds 0.2\n";

    // when / then
    assertThatThrownBy(() -> worker("checkout").handle(wave("checkout")))
        .isInstanceOfSatisfying(
            BpmnError.class,
            e -> {
              assertThat(e.getErrorCode()).isEqualTo("REGRESSION");
              assertThat(e.getVariables())
                  .asInstanceOf(MAP)
                  .containsEntry("healthVerdict", "UNHEALTHY")
                  .containsEntry("healthy", false)
                  .containsEntry("wave", 10);
              assertThat(evidence(e)).contains("http_error_ratio 0.09 above 0.05 at " + endpoint());
            });
  }

  @Test
  void aLatencyAboveItsThresholdIsARegressionEvenWhenAnotherMetricHasNoData() {
    // given
    metrics = "http_latency_p99_seconds 1.5\n";

    // when / then
    assertThatThrownBy(() -> worker("checkout").handle(wave("checkout")))
        .isInstanceOfSatisfying(
            BpmnError.class,
            e -> {
              assertThat(e.getErrorCode()).isEqualTo("REGRESSION");
              assertThat(evidence(e))
                  .contains("http_latency_p99_seconds 1.5 above 0.5")
                  .contains("no data for http_error_ratio");
            });
  }

  @Test
  void aMetricWithoutDataMakesTheCheckInconclusive() {
    // given
    metrics = "http_latency_p99_seconds 0.2\n";

    // when / then
    assertInconclusive("checkout", "no data for http_error_ratio at " + endpoint());
  }

  @Test
  void anEndpointAnsweringAnErrorMakesTheCheckInconclusive() {
    // given
    status = 503;

    // when / then
    assertInconclusive(
        "checkout", "http_error_ratio could not be read at " + endpoint() + ": HTTP 503");
  }

  @Test
  void anEndpointThatDoesNotAnswerInTimeMakesTheCheckInconclusive() {
    // given
    hang = true;

    // when / then
    assertInconclusive("checkout", "timed out");
  }

  @Test
  void aServiceWithoutMetricsOrAnyOtherCheckIsNeverTakenAsHealthy() {
    // given metrics configured for another service only
    metrics = "http_error_ratio 0\nhttp_latency_p99_seconds 0\n";

    // when / then
    assertInconclusive("billing", "no health check applies");
  }

  private void assertInconclusive(String service, String evidence) {
    assertThatThrownBy(() -> worker("checkout").handle(wave(service)))
        .isInstanceOfSatisfying(
            BpmnError.class,
            e -> {
              assertThat(e.getErrorCode()).isEqualTo("HEALTH_INCONCLUSIVE");
              assertThat(e.getVariables())
                  .asInstanceOf(MAP)
                  .containsEntry("healthVerdict", "INCONCLUSIVE")
                  .containsEntry("healthy", false);
              assertThat(evidence(e)).contains(evidence);
            });
  }

  private static String evidence(BpmnError error) {
    return String.valueOf(((Map<?, ?>) error.getVariables()).get("healthEvidence"));
  }

  private HealthCheckWorker worker(String configuredService) {
    // long enough for a busy machine to answer; the endpoint that hangs holds its answer longer
    MetricsClient client = new MetricsClient(Duration.ofSeconds(5));
    return new HealthCheckWorker(
        List.of(
            new MetricsHealthCheck(
                client, Map.of(configuredService, new HealthMetrics(endpoint(), THRESHOLDS)))));
  }

  private static HealthCheckWorker.Input wave(String service) {
    return new HealthCheckWorker.Input(service, 10, List.of());
  }

  private URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/metrics");
  }

  private void awaitRelease() {
    try {
      release.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
