package io.rollgate.engine.testing;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.builder.AbstractFlowNodeBuilder;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The engine benchmarks' load: the process {@code bench} (start, {@code serviceTasks} service tasks
 * in a row, end) deployed on an engine, a {@code JobWorker} per task completing its jobs over REST,
 * and rounds of instances created with {@link #IN_FLIGHT} creations at a time, each round timed
 * until its last instance completed.
 */
public final class InstanceLoad implements AutoCloseable {

  /** Instance creations sent and not yet answered, at most. */
  public static final int IN_FLIGHT = 128;

  private final CamundaClient client;
  private final AtomicReference<CountDownLatch> finished = new AtomicReference<>();
  private final List<JobWorker> workers = new ArrayList<>();

  private InstanceLoad(CamundaClient client) {
    this.client = client;
  }

  /**
   * Deploys {@code bench} with {@code serviceTasks} tasks through {@code client} and opens its
   * workers; one set of workers serves every round, since a closed worker's last poll could still
   * take jobs.
   */
  public static InstanceLoad deploy(CamundaClient client, int serviceTasks) {
    List<String> jobTypes = new ArrayList<>();
    for (int i = 1; i <= serviceTasks; i++) {
      jobTypes.add("bench-task-" + i);
    }
    client.newDeployResourceCommand().addProcessModel(model(jobTypes), "bench.bpmn").send().join();
    InstanceLoad load = new InstanceLoad(client);
    String lastType = jobTypes.get(jobTypes.size() - 1);
    for (String type : jobTypes) {
      boolean last = type.equals(lastType);
      load.workers.add(
          client
              .newWorker()
              .jobType(type)
              .handler(
                  (jobs, job) ->
                      jobs.newCompleteCommand(job)
                          .send()
                          .thenRun(
                              () -> {
                                if (last) {
                                  load.finished.get().countDown();
                                }
                              }))
              .maxJobsActive(256)
              .timeout(Duration.ofMinutes(1))
              .open());
    }
    return load;
  }

  /** A client tuned for the load: REST only, 256 connections, workers polling every 50 ms. */
  public static CamundaClient client(URI restAddress) {
    return CamundaClient.newClientBuilder()
        .restAddress(restAddress)
        .grpcAddress(URI.create("http://127.0.0.1:1"))
        .preferRestOverGrpc(true)
        .defaultJobWorkerStreamEnabled(false)
        .maxHttpConnections(256)
        .defaultJobPollInterval(Duration.ofMillis(50))
        .build();
  }

  /**
   * Creates {@code instances} instances (variable {@code release} = {@code "R-<n>"}) and waits
   * until the last task of each completed, at most {@code timeout}.
   */
  public Round run(int instances, Duration timeout) throws InterruptedException {
    CountDownLatch done = new CountDownLatch(instances);
    finished.set(done);
    long[] latencies = new long[instances];
    Semaphore inFlight = new Semaphore(IN_FLIGHT);
    long start = System.nanoTime();
    for (int i = 0; i < instances; i++) {
      inFlight.acquire();
      int index = i;
      long sent = System.nanoTime();
      client
          .newCreateInstanceCommand()
          .bpmnProcessId("bench")
          .latestVersion()
          .variables(Map.of("release", "R-" + i))
          .send()
          .whenComplete(
              (created, failed) -> {
                latencies[index] = System.nanoTime() - sent;
                inFlight.release();
                if (failed != null) {
                  System.err.println("create failed: " + failed);
                }
              });
    }
    if (!done.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException(done.getCount() + " instances did not complete");
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Arrays.sort(latencies);
    return new Round(
        instances,
        seconds,
        latencies[instances / 2] / 1e6,
        latencies[(int) (instances * 0.99)] / 1e6);
  }

  @Override
  public void close() {
    workers.forEach(JobWorker::close);
  }

  /** Start, the tasks of {@code jobTypes} in a row, end. */
  private static BpmnModelInstance model(List<String> jobTypes) {
    AbstractFlowNodeBuilder<?, ?> flow = Bpmn.createExecutableProcess("bench").startEvent();
    for (String type : jobTypes) {
      flow = flow.serviceTask(type, t -> t.zeebeJobType(type));
    }
    return flow.endEvent().done();
  }

  /**
   * One round: its instances, the wall time until the last completed, and the latency of instance
   * creation.
   */
  public record Round(int instances, double seconds, double createP50Ms, double createP99Ms) {

    public double perSecond() {
      return instances / seconds;
    }
  }
}
