package io.rollgate.workers.rollout;

import io.rollgate.connector.ConnectorException;
import io.rollgate.connector.metrics.MetricsClient;
import io.rollgate.workers.HealthMetrics;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Healthy while each configured metric of the service stays at or below its maximum (an error
 * ratio, a latency), so a regression shows before anyone files an incident. A metric without data,
 * or an endpoint that fails or does not answer in time, makes the verdict inconclusive: it is no
 * proof of health.
 */
final class MetricsHealthCheck implements HealthCheck {

  private final MetricsClient metrics;
  private final Map<String, HealthMetrics> byService;

  MetricsHealthCheck(MetricsClient metrics, Map<String, HealthMetrics> byService) {
    this.metrics = metrics;
    this.byService = byService;
  }

  @Override
  public Optional<HealthVerdict> check(Wave wave) {
    HealthMetrics configured = byService.get(wave.service());
    if (configured == null) {
      return Optional.empty();
    }
    List<HealthVerdict> verdicts =
        configured.thresholds().stream().map(t -> check(configured, t)).toList();
    return Optional.of(HealthVerdict.worstOf(verdicts));
  }

  private HealthVerdict check(HealthMetrics configured, HealthMetrics.Threshold threshold) {
    String where = " at " + configured.endpoint();
    OptionalDouble value;
    try {
      value = metrics.max(configured.endpoint(), threshold.metric());
    } catch (ConnectorException e) {
      return HealthVerdict.inconclusive(
          threshold.metric() + " could not be read" + where + ": " + e.detail());
    }
    if (value.isEmpty()) {
      return HealthVerdict.inconclusive("no data for " + threshold.metric() + where);
    }
    String reading = threshold.metric() + " " + value.getAsDouble();
    if (value.getAsDouble() > threshold.max()) {
      return HealthVerdict.unhealthy(reading + " above " + threshold.max() + where);
    }
    return HealthVerdict.healthy(reading + " within " + threshold.max() + where);
  }
}
