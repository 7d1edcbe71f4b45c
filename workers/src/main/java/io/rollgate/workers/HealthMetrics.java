package io.rollgate.workers;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * Where a service's metrics are and what a healthy rollout wave stays within: each threshold is a
 * metric whose largest sample must not exceed its maximum, for example an error ratio or a p99
 * latency.
 *
 * @param endpoint the service's Prometheus text endpoint, for example {@code
 *     https://checkout.internal/actuator/prometheus}
 * @param thresholds at least one
 */
public record HealthMetrics(URI endpoint, List<Threshold> thresholds) {

  public HealthMetrics {
    Objects.requireNonNull(endpoint, "endpoint");
    if (thresholds == null || thresholds.isEmpty()) {
      throw new IllegalArgumentException("thresholds: at least one metric with its maximum");
    }
    thresholds = List.copyOf(thresholds);
  }

  /**
   * @param metric a metric name as the endpoint exposes it, for example {@code http_error_ratio}
   * @param max the largest healthy value, in the metric's own unit
   */
  public record Threshold(String metric, double max) {

    public Threshold {
      if (metric == null || metric.isBlank()) {
        throw new IllegalArgumentException("metric must be set");
      }
      if (Double.isNaN(max)) {
        throw new IllegalArgumentException("max of " + metric + " must be a number");
      }
    }
  }
}
