package io.rollgate.app.outside;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollgate.workers.HealthMetrics;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class GatePropertiesTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(GateProperties.class)
  static class Properties {}

  private final ApplicationContextRunner context =
      new ApplicationContextRunner().withUserConfiguration(Properties.class);

  @Test
  void readsEachServicesMetricsEndpointAndThresholds() {
    context
        // given
        .withPropertyValues(
            "rollgate.gates.health-metrics.checkout.endpoint=https://checkout.internal/actuator/prometheus",
            "rollgate.gates.health-metrics.checkout.thresholds[0].metric=http_error_ratio",
            "rollgate.gates.health-metrics.checkout.thresholds[0].max=0.05",
            "rollgate.gates.health-metrics.checkout.thresholds[1].metric=http_latency_p99_seconds",
            "rollgate.gates.health-metrics.checkout.thresholds[1].max=0.5",
            "rollgate.gates.metrics-timeout=3s",
            "rollgate.gates.flag-approval-timeout=2h")
        // when
        .run(
            started -> {
              // then
              GateProperties gates = started.getBean(GateProperties.class);
              assertThat(gates.healthMetrics())
                  .containsOnlyKeys("checkout")
                  .containsEntry(
                      "checkout",
                      new HealthMetrics(
                          URI.create("https://checkout.internal/actuator/prometheus"),
                          List.of(
                              new HealthMetrics.Threshold("http_error_ratio", 0.05),
                              new HealthMetrics.Threshold("http_latency_p99_seconds", 0.5))));
              assertThat(gates.metricsTimeout()).isEqualTo(Duration.ofSeconds(3));
              assertThat(gates.flagApprovalTimeout()).isEqualTo(Duration.ofHours(2));
            });
  }

  @Test
  void checksNoMetricsUnlessConfigured() {
    // given / when
    context.run(
        started ->
            // then
            assertThat(started.getBean(GateProperties.class).healthMetrics()).isEmpty());
  }

  @Test
  void refusesToStartWithAServiceWhoseMetricsHaveNoThreshold() {
    context
        // given
        .withPropertyValues(
            "rollgate.gates.health-metrics.checkout.endpoint=https://checkout.internal/metrics")
        // when
        .run(
            started ->
                // then
                assertThat(started.getStartupFailure())
                    .rootCause()
                    .hasMessageContaining("thresholds"));
  }
}
