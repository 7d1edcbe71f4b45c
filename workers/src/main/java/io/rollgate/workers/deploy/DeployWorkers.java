package io.rollgate.workers.deploy;

import io.rollgate.connector.ci.WaitPolicy;
import io.rollgate.workers.WorkerConnections;
import io.rollgate.workers.WorkerSettings;
import io.rollgate.workers.job.Worker;
import java.util.List;

/** The deploy worker ({@code ci-deploy}): the deploy workflow of the release's repository. */
public final class DeployWorkers {

  private DeployWorkers() {}

  public static List<Worker<?, ?>> create(WorkerConnections connections, WorkerSettings settings) {
    return List.of(
        new DeployWorker(
            connections.ci(),
            settings.deployRef(),
            WaitPolicy.of(settings.deployTimeout(), settings.deployPollInterval())));
  }
}
