package io.rollgate.workers;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.worker.JobWorker;
import io.rollgate.processes.Lifecycle;
import io.rollgate.workers.change.ChangeWorkers;
import io.rollgate.workers.deploy.DeployWorkers;
import io.rollgate.workers.job.JobAdapter;
import io.rollgate.workers.job.Worker;
import io.rollgate.workers.readiness.ReadinessWorkers;
import io.rollgate.workers.rollout.RolloutWorkers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The release lifecycle's job workers, open on one Camunda client: one {@link JobWorker} per job
 * type in {@link Lifecycle.Jobs#ALL}. The same code serves the embedded engine and a Camunda 8
 * cluster; only the client differs.
 *
 * <pre>{@code
 * CamundaClient client = CamundaClient.newClientBuilder()
 *     .restAddress(engine.restAddress())
 *     .preferRestOverGrpc(true)
 *     .defaultJobWorkerStreamEnabled(false)
 *     .numJobWorkerExecutionThreads(8) // ci-deploy holds a thread while the deploy runs
 *     .build();
 * try (WorkerConnections connections = ...;   // see WorkerConnections
 *     ReleaseWorkers workers = ReleaseWorkers.open(client, connections, WorkerSettings.of("rollgate", "test"))) {
 *   ...
 * }
 * }</pre>
 *
 * Handlers run on the client's job worker threads and block them while they wait (a deploy up to
 * {@link WorkerSettings#deployTimeout()}, a flag change up to {@link
 * WorkerSettings#propagationTimeout()}): give the client several threads. A job is held for {@link
 * WorkerSettings#jobTimeout()} plus the worker's own longest wait, so the engine does not hand a
 * job out again while it is still being worked on.
 *
 * <p>Closing stops polling for new jobs; it neither closes the client nor the connections.
 */
public final class ReleaseWorkers implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ReleaseWorkers.class);

  private final List<JobWorker> open;
  private final Set<String> jobTypes;

  private ReleaseWorkers(List<JobWorker> open, Set<String> jobTypes) {
    this.open = open;
    this.jobTypes = jobTypes;
  }

  /**
   * Opens a worker for every job type of the lifecycle.
   *
   * @throws IllegalStateException when a job type has no handler, or a handler no job type
   */
  public static ReleaseWorkers open(
      CamundaClient client, WorkerConnections connections, WorkerSettings settings) {
    List<Worker<?, ?>> workers = new ArrayList<>();
    workers.addAll(ReadinessWorkers.create(connections, settings));
    workers.addAll(ChangeWorkers.create(connections, settings));
    workers.addAll(DeployWorkers.create(connections, settings));
    workers.addAll(RolloutWorkers.create(connections, settings));
    return open(client, workers, settings);
  }

  /** Opens the given workers, which must cover {@link Lifecycle.Jobs#ALL} exactly. */
  static ReleaseWorkers open(
      CamundaClient client, List<Worker<?, ?>> workers, WorkerSettings settings) {
    Map<String, Worker<?, ?>> byType = byType(workers);
    if (client.getConfiguration().getNumJobWorkerExecutionThreads() < 2) {
      LOG.warn(
          "workers share {} job worker thread: a running deploy holds up every other job type",
          client.getConfiguration().getNumJobWorkerExecutionThreads());
    }
    List<JobWorker> open = new ArrayList<>();
    try {
      for (Worker<?, ?> worker : byType.values()) {
        open.add(openOne(client, worker, settings));
      }
    } catch (RuntimeException e) {
      open.forEach(JobWorker::close);
      throw e;
    }
    LOG.info("workers open job_types={}", byType.keySet());
    return new ReleaseWorkers(List.copyOf(open), Set.copyOf(byType.keySet()));
  }

  /** The job types served. */
  public Set<String> jobTypes() {
    return jobTypes;
  }

  @Override
  public void close() {
    open.forEach(JobWorker::close);
  }

  static Map<String, Worker<?, ?>> byType(List<Worker<?, ?>> workers) {
    Map<String, Worker<?, ?>> byType = new LinkedHashMap<>();
    for (Worker<?, ?> worker : workers) {
      if (byType.put(worker.jobType(), worker) != null) {
        throw new IllegalStateException("two handlers for job type " + worker.jobType());
      }
    }
    List<String> missing =
        Lifecycle.Jobs.ALL.stream().filter(type -> !byType.containsKey(type)).toList();
    List<String> unknown =
        byType.keySet().stream().filter(type -> !Lifecycle.Jobs.ALL.contains(type)).toList();
    if (!missing.isEmpty() || !unknown.isEmpty()) {
      throw new IllegalStateException(
          "job types without a handler: "
              + missing
              + "; handlers of unknown job types: "
              + unknown);
    }
    return byType;
  }

  private static JobWorker openOne(
      CamundaClient client, Worker<?, ?> worker, WorkerSettings settings) {
    JobAdapter<?, ?> adapter = adapter(worker, settings);
    return client
        .newWorker()
        .jobType(worker.jobType())
        .handler(adapter)
        .name("rollgate-" + worker.jobType())
        .timeout(timeout(worker.jobType(), settings))
        .maxJobsActive(settings.maxJobsActive())
        .fetchVariables(adapter.fetchVariables())
        .open();
  }

  private static <I extends Record, O extends Record> JobAdapter<I, O> adapter(
      Worker<I, O> worker, WorkerSettings settings) {
    return new JobAdapter<>(worker, settings.retryBackoff());
  }

  /** Long enough for the worker's own wait, so the job is not handed out twice meanwhile. */
  static Duration timeout(String jobType, WorkerSettings settings) {
    Duration own =
        switch (jobType) {
          case Lifecycle.Jobs.CI_DEPLOY -> settings.deployTimeout();
          case Lifecycle.Jobs.LAUNCHDARKLY_SET_ROLLOUT, Lifecycle.Jobs.LAUNCHDARKLY_ROLLBACK ->
              settings.propagationTimeout();
          default -> Duration.ZERO;
        };
    return settings.jobTimeout().plus(own);
  }
}
