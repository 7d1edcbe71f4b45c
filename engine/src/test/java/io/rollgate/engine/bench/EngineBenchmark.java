package io.rollgate.engine.bench;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.builder.AbstractFlowNodeBuilder;
import io.rollgate.engine.RollgateEngine;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Throughput of the embedded engine with the real client: N instances of start, {@code bench.tasks}
 * service tasks (three unless set), end; jobs completed by {@code JobWorker}s over REST; the
 * journal flushed as in production. Prints completed instances per second and the create latency
 * percentiles.
 *
 * <p>{@code ./mvnw -q -pl engine test-compile exec:java -Dbench.instances=10000 [-Dbench.tasks=1]}
 */
public final class EngineBenchmark {
  private static final int IN_FLIGHT = 128;

  public static void main(String[] args) throws Exception {
    int instances = Integer.getInteger("bench.instances", 10_000);
    int warmup = Integer.getInteger("bench.warmup", 2_000);
    int tasks = Integer.getInteger("bench.tasks", 3);
    List<String> jobTypes = new ArrayList<>();
    for (int i = 1; i <= tasks; i++) {
      jobTypes.add("bench-task-" + i);
    }
    Path data = Files.createTempDirectory("rollgate-bench");
    try (RollgateEngine engine = RollgateEngine.builder().dataDirectory(data).build().start();
        CamundaClient client = client(engine.restAddress())) {
      client
          .newDeployResourceCommand()
          .addProcessModel(model(jobTypes), "bench.bpmn")
          .send()
          .join();
      // One set of workers for both rounds: a closed worker's last poll could still take jobs.
      AtomicReference<CountDownLatch> finished = new AtomicReference<>();
      List<JobWorker> workers = new ArrayList<>();
      for (String type : jobTypes) {
        boolean last = type.equals(jobTypes.get(jobTypes.size() - 1));
        workers.add(
            client
                .newWorker()
                .jobType(type)
                .handler(
                    (jc, job) ->
                        jc.newCompleteCommand(job)
                            .send()
                            .thenRun(
                                () -> {
                                  if (last) {
                                    finished.get().countDown();
                                  }
                                }))
                .maxJobsActive(256)
                .timeout(Duration.ofMinutes(1))
                .open());
      }
      run(client, warmup, "warm-up", finished);
      Result result = run(client, instances, "measured", finished);
      workers.forEach(JobWorker::close);
      System.out.printf(
          "tasks=%d  instances=%d  completed/s=%.0f  create p50=%.2f ms  p99=%.2f ms  total=%.1f s%n",
          tasks, instances, result.perSecond(), result.p50(), result.p99(), result.seconds());
      searches(client, instances + warmup);
    } finally {
      deleteRecursively(data);
    }
  }

  /** Start, {@code jobTypes.size()} service tasks in a row, end. */
  private static BpmnModelInstance model(List<String> jobTypes) {
    AbstractFlowNodeBuilder<?, ?> flow = Bpmn.createExecutableProcess("bench").startEvent();
    for (String type : jobTypes) {
      flow = flow.serviceTask(type, t -> t.zeebeJobType(type));
    }
    return flow.endEvent().done();
  }

  private static void deleteRecursively(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }

  /** Search latency with everything above in history: pinned, filtered-and-sorted, scanning. */
  private static void searches(CamundaClient client, int inHistory) {
    long someInstance =
        client
            .newProcessInstanceSearchRequest()
            .filter(f -> f.processDefinitionId("bench"))
            .page(p -> p.limit(1))
            .send()
            .join()
            .items()
            .get(0)
            .getProcessInstanceKey();
    time(
        "element instances of one instance",
        () ->
            client
                .newElementInstanceSearchRequest()
                .filter(f -> f.processInstanceKey(someInstance))
                .send()
                .join());
    time(
        "newest 100 completed instances",
        () ->
            client
                .newProcessInstanceSearchRequest()
                .filter(f -> f.processDefinitionId("bench").state(ProcessInstanceState.COMPLETED))
                .sort(s -> s.startDate().desc())
                .page(p -> p.limit(100))
                .send()
                .join());
    time(
        "variable by name and value (scan)",
        () ->
            client
                .newVariableSearchRequest()
                .filter(f -> f.name("release").value("\"R-42\""))
                .send()
                .join());
    System.out.printf("(searches over %d instances in history)%n", inHistory);
  }

  private static void time(String label, Runnable search) {
    for (int i = 0; i < 20; i++) {
      search.run();
    }
    int rounds = 100;
    long start = System.nanoTime();
    for (int i = 0; i < rounds; i++) {
      search.run();
    }
    System.out.printf("search %-36s %.2f ms%n", label, (System.nanoTime() - start) / 1e6 / rounds);
  }

  private record Result(double perSecond, double p50, double p99, double seconds) {}

  private static Result run(
      CamundaClient client, int instances, String label, AtomicReference<CountDownLatch> finished)
      throws InterruptedException {
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
              (r, e) -> {
                latencies[index] = System.nanoTime() - sent;
                inFlight.release();
                if (e != null) {
                  System.err.println("create failed: " + e);
                }
              });
    }
    if (!done.await(10, TimeUnit.MINUTES)) {
      throw new IllegalStateException(
          label + ": instances did not complete: " + done.getCount() + " left");
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Arrays.sort(latencies);
    return new Result(
        instances / seconds,
        latencies[instances / 2] / 1e6,
        latencies[(int) (instances * 0.99)] / 1e6,
        seconds);
  }

  private static CamundaClient client(URI address) {
    return CamundaClient.newClientBuilder()
        .restAddress(address)
        .grpcAddress(URI.create("http://127.0.0.1:1"))
        .preferRestOverGrpc(true)
        .defaultJobWorkerStreamEnabled(false)
        .maxHttpConnections(256)
        .defaultJobPollInterval(Duration.ofMillis(50))
        .build();
  }
}
