package io.rollgate.workers.readiness;

import io.rollgate.workers.WorkerConnections;
import io.rollgate.workers.WorkerSettings;
import io.rollgate.workers.job.Worker;
import java.util.List;

/**
 * The readiness evidence workers: CI status of the commit ({@code ci-pipeline-status}), open P1/P2
 * incidents ({@code servicenow-open-incidents}) and the release freeze flag ({@code
 * launchdarkly-freeze-flag}).
 */
public final class ReadinessWorkers {

  private ReadinessWorkers() {}

  public static List<Worker<?, ?>> create(WorkerConnections connections, WorkerSettings settings) {
    return List.of(
        new PipelineStatusWorker(connections.ci()),
        new OpenIncidentsWorker(connections.servicenow(), settings.maxIncidentPriority()),
        new FreezeFlagWorker(connections.flagEvaluator(), settings.freezeFlagKey()));
  }
}
