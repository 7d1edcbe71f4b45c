package io.rollgate.engine.bench;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.rollgate.engine.RollgateEngine;
import io.rollgate.engine.testing.InstanceLoad;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Throughput of the embedded engine with the real client: N instances of start, {@code bench.tasks}
 * service tasks (three unless set), end, driven by {@link InstanceLoad}; the journal flushed as in
 * production. Prints completed instances per second and the create latency percentiles.
 *
 * <p>{@code ./mvnw -q -pl engine test-compile exec:java -Dbench.instances=10000 [-Dbench.tasks=1]}
 */
public final class EngineBenchmark {
  public static void main(String[] args) throws Exception {
    int instances = Integer.getInteger("bench.instances", 10_000);
    int warmup = Integer.getInteger("bench.warmup", 2_000);
    int tasks = Integer.getInteger("bench.tasks", 3);
    Path data = Files.createTempDirectory("rollgate-bench");
    try (RollgateEngine engine = RollgateEngine.builder().dataDirectory(data).build().start();
        CamundaClient client = InstanceLoad.client(engine.restAddress())) {
      InstanceLoad.Round result;
      try (InstanceLoad load = InstanceLoad.deploy(client, tasks)) {
        load.run(warmup, Duration.ofMinutes(10));
        result = load.run(instances, Duration.ofMinutes(10));
      }
      System.out.printf(
          "tasks=%d  instances=%d  completed/s=%.0f  create p50=%.2f ms  p99=%.2f ms  total=%.1f s%n",
          tasks,
          instances,
          result.perSecond(),
          result.createP50Ms(),
          result.createP99Ms(),
          result.seconds());
      searches(client, instances + warmup);
    } finally {
      deleteRecursively(data);
    }
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
}
