package io.rollgate.workers.rollout;

import io.rollgate.workers.WorkerConnections;
import io.rollgate.workers.WorkerSettings;
import io.rollgate.workers.job.Worker;
import java.util.List;

/**
 * The phased rollout workers: serve a wave ({@code launchdarkly-set-rollout}), roll back to 0%
 * ({@code launchdarkly-rollback}) and check the service's health ({@code health-check}).
 */
public final class RolloutWorkers {

  private RolloutWorkers() {}

  public static List<Worker<?, ?>> create(WorkerConnections connections, WorkerSettings settings) {
    FlagRollout rollout =
        new FlagRollout(
            connections.launchDarkly(),
            connections.flagEvaluator(),
            settings.launchDarklyProject(),
            settings.launchDarklyEnvironment(),
            settings.propagationTimeout());
    return List.of(
        new SetRolloutWorker(rollout),
        new RollbackWorker(rollout),
        new HealthCheckWorker(connections.servicenow(), settings.maxIncidentPriority()));
  }
}
