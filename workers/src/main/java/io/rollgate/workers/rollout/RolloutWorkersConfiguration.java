package io.rollgate.workers.rollout;

import io.rollgate.connector.metrics.MetricsClient;
import io.rollgate.workers.WorkerConnections;
import io.rollgate.workers.WorkerSettings;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The phased rollout workers: serve a wave ({@code launchdarkly-set-rollout}), roll back to 0%
 * ({@code launchdarkly-rollback}) and check the service's health ({@code health-check}). Imported
 * by {@code ReleaseWorkersConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
public class RolloutWorkersConfiguration {

  @Bean
  SetRolloutWorker setRolloutWorker(WorkerConnections connections, WorkerSettings settings) {
    return new SetRolloutWorker(flagRollout(connections, settings));
  }

  @Bean
  RollbackWorker rollbackWorker(WorkerConnections connections, WorkerSettings settings) {
    return new RollbackWorker(flagRollout(connections, settings));
  }

  @Bean
  HealthCheckWorker healthCheckWorker(WorkerConnections connections, WorkerSettings settings) {
    return new HealthCheckWorker(
        List.of(
            new IncidentHealthCheck(connections.servicenow(), settings.maxIncidentPriority()),
            new MetricsHealthCheck(
                new MetricsClient(settings.metricsTimeout()), settings.healthMetrics())));
  }

  private static FlagRollout flagRollout(WorkerConnections connections, WorkerSettings settings) {
    return new FlagRollout(
        connections.launchDarkly(),
        connections.flagEvaluator(),
        settings.launchDarklyProject(),
        settings.launchDarklyEnvironment(),
        settings.propagationTimeout(),
        new FlagApprovalWait(
            connections.launchDarkly(),
            settings.flagApprovalTimeout(),
            settings.flagApprovalPollInterval()));
  }
}
