package io.rollgate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.rollgate.app.support.GateApi;
import io.rollgate.app.support.OutsideWorld;
import io.rollgate.app.support.ServiceProcess;
import io.rollgate.sandbox.launcher.Sandbox;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * N releases started at once through the gate API of the packaged service (embedded engine, H2),
 * against the simulators in this process (the CAB approves a second after it is asked, the deploy
 * workflow takes half a second, two waves of one second's bake, each release rolled out by a flag
 * of its own). Each release is followed as a pipeline follows it: a long poll on each gate, then
 * its record until it ends.
 */
final class ReleaseBenchmark {

  private static final Path JAR = Path.of("app", "target", "rollgate.jar");
  private static final String BOOTSTRAP = "rg_bench-bootstrap-token-0123456789abcdef";
  private static final Duration LONGEST_POLL = Duration.ofSeconds(90);

  private final int n;
  private final Duration timeout;

  /**
   * @param timeout how long the pipelines follow their releases; those still running then are
   *     counted as unfinished
   */
  /** Where the service's log is kept when a run fails. */
  private static final Path FAILED_RUN_LOGS = Path.of("target", "failed-run-logs");

  ReleaseBenchmark(int n, Duration timeout) {
    this.n = n;
    this.timeout = timeout;
  }

  Run run(Run run) throws Exception {
    run.line(
        "Each release: readiness, a normal change approved by the CAB 1 s after it is asked (signed"
            + " webhook), a deploy workflow of 0.5 s, waves 50 % and 100 % of a flag of its own"
            + " with 1 s bake and a health check each, the change closed. Gate latency: from the gate's `decidedAt` to the long"
            + " poll's answer, for polls sent before the decision. Outside calls: requests the"
            + " ServiceNow, LaunchDarkly and GitHub simulators received. CPU and peak RSS (`VmHWM`):"
            + " the service's process.\n");
    run.line(
        "| releases at once | ended | outcomes | wall time | releases/min | gate latency p50 / p99"
            + " (samples) | outside calls per release (ServiceNow / LaunchDarkly / GitHub) | CPU s"
            + " (per release) | peak RSS |");
    run.line("|---|---|---|---|---|---|---|---|---|");
    return run.line(measure());
  }

  private String measure() throws Exception {
    try (OutsideWorld world = OutsideWorld.start()) {
      Map<String, String> properties = new LinkedHashMap<>(world.properties());
      properties.put("rollgate.sandbox.enabled", "false");
      properties.put("rollgate.bootstrap.token", BOOTSTRAP);
      try (ServiceProcess service = ServiceProcess.start(JAR, null, properties)) {
        world.sendApprovalsTo(service.baseUri());
        GateApi pipeline =
            service.api(service.api(BOOTSTRAP).createToken("bench-pipeline", "pipeline"));
        List<Map<String, Object>> requests = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          Map<String, Object> request = world.releaseRequest("bench-" + i, "1.0." + i);
          // a flag of its own, as each service has: no release waits on another's flag changes
          request.put("flagKey", world.createFlag("bench-" + i + "-flag"));
          requests.add(request);
        }
        clearRequestLogs(world.sandbox());
        ProcessFigures before = ProcessFigures.of(service.pid());
        ExecutorService pipelines = Executors.newFixedThreadPool(n);
        List<Future<Followed>> futures = new ArrayList<>();
        long start = System.nanoTime();
        Instant deadline = Instant.now().plus(timeout);
        try {
          for (Map<String, Object> request : requests) {
            futures.add(pipelines.submit(() -> follow(pipeline, request, deadline)));
          }
          List<Followed> followed = new ArrayList<>();
          for (Future<Followed> f : futures) {
            followed.add(f.get());
          }
          double minutes = (System.nanoTime() - start) / 60e9;
          ProcessFigures after = ProcessFigures.of(service.pid());
          return row(n, followed, minutes, world.sandbox(), before, after);
        } catch (Exception | Error e) {
          // the service's work directory goes with it: keep its log to see why the run failed
          service.keepLogsIn(FAILED_RUN_LOGS);
          System.err.println("the service's log is in " + FAILED_RUN_LOGS.toAbsolutePath());
          throw e;
        } finally {
          pipelines.shutdownNow();
        }
      }
    }
  }

  private static String row(
      int n,
      List<Followed> followed,
      double minutes,
      Sandbox sandbox,
      ProcessFigures before,
      ProcessFigures after) {
    Map<String, Integer> outcomes = new TreeMap<>();
    List<Double> latencies = new ArrayList<>();
    int ended = 0;
    for (Followed f : followed) {
      outcomes.merge(f.state(), 1, Integer::sum);
      latencies.addAll(f.gateLatencies());
      if (f.ended()) {
        ended++;
      }
    }
    Percentiles gate = Percentiles.of(latencies);
    long servicenow = sandbox.servicenow().server().requests().total();
    long launchdarkly = sandbox.launchdarkly().requests().total();
    long github = sandbox.ci().github().server().requests().total();
    double cpu = after.cpuSeconds() - before.cpuSeconds();
    return String.format(
        "| %d | %d | %s | %.1f min | %.1f | %.0f / %.0f ms (%d) | %.1f (%.1f / %.1f / %.1f) |"
            + " %.1f (%.2f) | %d MiB |",
        n,
        ended,
        outcomes,
        minutes,
        ended / minutes,
        gate.p50(),
        gate.p99(),
        gate.count(),
        (servicenow + launchdarkly + github) / (double) n,
        servicenow / (double) n,
        launchdarkly / (double) n,
        github / (double) n,
        cpu,
        cpu / n,
        after.peakRssMib());
  }

  private static void clearRequestLogs(Sandbox sandbox) {
    sandbox.servicenow().server().requests().clear();
    sandbox.launchdarkly().requests().clear();
    sandbox.ci().github().server().requests().clear();
  }

  /** How a pipeline saw one release: how it ended, and the latency of each gate it waited on. */
  private record Followed(String state, boolean ended, List<Double> gateLatencies) {}

  private static final List<String> GATES = List.of("readiness", "cab", "rollout", "health-check");

  private static Followed follow(GateApi pipeline, Map<String, Object> request, Instant deadline)
      throws InterruptedException {
    String id = pipeline.post("/api/v1/releases", request).ok().path("id").asText();
    List<Double> latencies = new ArrayList<>();
    for (String gate : GATES) {
      JsonNode answer;
      do {
        Instant sent = Instant.now();
        Duration wait = Duration.between(sent, deadline);
        if (wait.isNegative()) {
          return new Followed("UNFINISHED", false, latencies);
        }
        wait =
            wait.compareTo(LONGEST_POLL) > 0
                ? LONGEST_POLL
                : wait.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
        answer = pipeline.get("/api/v1/releases/" + id + "/gates/" + gate + "?wait=" + wait).ok();
        Instant answered = Instant.now();
        if ("DECIDED".equals(answer.path("status").asText())) {
          Instant decided = Instant.parse(answer.path("decidedAt").asText());
          if (decided.isAfter(sent)) {
            latencies.add(Duration.between(decided, answered).toNanos() / 1e6);
          }
        }
      } while ("PENDING".equals(answer.path("status").asText())
          && Instant.now().isBefore(deadline));
    }
    while (Instant.now().isBefore(deadline)) {
      JsonNode record = pipeline.get("/api/v1/releases/" + id).ok();
      if (record.hasNonNull("endedAt")) {
        return new Followed(record.path("state").asText(), true, latencies);
      }
      Thread.sleep(1000);
    }
    return new Followed("UNFINISHED", false, latencies);
  }
}
