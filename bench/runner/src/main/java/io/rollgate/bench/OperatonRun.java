package io.rollgate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rollgate.app.support.JavaProcess;
import io.rollgate.app.support.PostgresSchema;
import io.rollgate.engine.testing.InstanceLoad;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Operaton (bench/operaton) on a PostgreSQL schema of its own, dropped afterwards; the same model
 * with external tasks, and workers that fetch-and-lock (long polling) and complete over its REST
 * API as Operaton's external-task client does.
 */
final class OperatonRun {

  static final int THREADS_PER_TOPIC = 4;

  private static final Path JAR =
      Path.of("bench", "operaton", "target", "rollgate-bench-operaton.jar");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> TOPICS = List.of("bench-one", "bench-two", "bench-three");
  private static final String MODEL =
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
          xmlns:operaton="http://operaton.org/schema/1.0/bpmn" targetNamespace="bench">
        <process id="bench" isExecutable="true" operaton:historyTimeToLive="P1D">
          <startEvent id="start"/>
          <sequenceFlow id="f1" sourceRef="start" targetRef="one"/>
          <serviceTask id="one" operaton:type="external" operaton:topic="bench-one"/>
          <sequenceFlow id="f2" sourceRef="one" targetRef="two"/>
          <serviceTask id="two" operaton:type="external" operaton:topic="bench-two"/>
          <sequenceFlow id="f3" sourceRef="two" targetRef="three"/>
          <serviceTask id="three" operaton:type="external" operaton:topic="bench-three"/>
          <sequenceFlow id="f4" sourceRef="three" targetRef="end"/>
          <endEvent id="end"/>
        </process>
      </definitions>
      """;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  Throughput measure(int warmUp, int instances) throws Exception {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: build bench/operaton");
    }
    Path workDir = Files.createTempDirectory("rollgate-bench-operaton");
    try (PostgresSchema schema = PostgresSchema.create()) {
      int port = JavaProcess.freePort();
      JavaProcess operaton =
          JavaProcess.start(
              workDir.resolve("operaton.log"),
              List.of(
                  "-Xmx512m",
                  "-jar",
                  JAR.toString(),
                  "--server.port=" + port,
                  "--spring.datasource.url=" + schema.jdbcUrl(),
                  "--spring.datasource.username=" + PostgresSchema.USER,
                  "--spring.datasource.password=",
                  "--operaton.bpm.database.schema-name=" + schema.name(),
                  "--operaton.bpm.database.table-prefix=" + schema.name() + ".",
                  "--operaton.bpm.history-level=full"));
      URI rest = URI.create("http://127.0.0.1:" + port + "/engine-rest/");
      try {
        operaton.awaitOk(rest.resolve("engine"), Duration.ofMinutes(3));
        deploy(rest);
        AtomicReference<CountDownLatch> finished = new AtomicReference<>();
        AtomicBoolean working = new AtomicBoolean(true);
        List<Thread> workers = new ArrayList<>();
        for (String topic : TOPICS) {
          for (int i = 0; i < THREADS_PER_TOPIC; i++) {
            String workerId = topic + "-" + i;
            Thread worker =
                new Thread(() -> work(rest, topic, workerId, working, finished), workerId);
            worker.start();
            workers.add(worker);
          }
        }
        try {
          round(rest, warmUp, finished);
          return round(rest, instances, finished);
        } finally {
          working.set(false);
          for (Thread worker : workers) {
            worker.join();
          }
        }
      } catch (RuntimeException e) {
        throw new IllegalStateException(e.getMessage() + "\n" + operaton.log(), e);
      } finally {
        operaton.terminate(Duration.ofSeconds(60));
      }
    } finally {
      try (var files = Files.walk(workDir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private void deploy(URI rest) throws IOException, InterruptedException {
    String boundary = "----rollgate-bench";
    String body =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nbench\r\n--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"bench.bpmn\"; filename=\"bench.bpmn\""
            + "\r\nContent-Type: application/xml\r\n\r\n"
            + MODEL.strip()
            + "\r\n--"
            + boundary
            + "--\r\n";
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(rest.resolve("deployment/create"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200) {
      throw new IllegalStateException("deploy: " + answer.statusCode() + " " + answer.body());
    }
  }

  private Throughput round(URI rest, int instances, AtomicReference<CountDownLatch> finished)
      throws Exception {
    CountDownLatch done = new CountDownLatch(instances);
    finished.set(done);
    Semaphore inFlight = new Semaphore(InstanceLoad.IN_FLIGHT);
    URI start = rest.resolve("process-definition/key/bench/start");
    long began = System.nanoTime();
    for (int i = 0; i < instances; i++) {
      inFlight.acquire();
      String body =
          JSON.writeValueAsString(
              Map.of("variables", Map.of("release", Map.of("value", "R-" + i, "type", "String"))));
      http.sendAsync(post(start, body), HttpResponse.BodyHandlers.ofString())
          .whenComplete(
              (answer, failed) -> {
                inFlight.release();
                if (failed != null || answer.statusCode() != 200) {
                  System.err.println("start failed: " + (failed != null ? failed : answer.body()));
                }
              });
    }
    if (!done.await(30, TimeUnit.MINUTES)) {
      throw new IllegalStateException(done.getCount() + " instances did not complete");
    }
    return new Throughput(instances, (System.nanoTime() - began) / 1e9);
  }

  /** One worker thread: fetch and lock up to 32 tasks of its topic, complete each. */
  private void work(
      URI rest,
      String topic,
      String workerId,
      AtomicBoolean working,
      AtomicReference<CountDownLatch> finished) {
    boolean last = topic.equals("bench-three");
    try {
      String fetch =
          JSON.writeValueAsString(
              Map.of(
                  "workerId",
                  workerId,
                  "maxTasks",
                  32,
                  "asyncResponseTimeout",
                  1000,
                  "topics",
                  List.of(Map.of("topicName", topic, "lockDuration", 60_000))));
      String complete = JSON.writeValueAsString(Map.of("workerId", workerId));
      while (working.get()) {
        HttpResponse<String> locked =
            http.send(
                post(rest.resolve("external-task/fetchAndLock"), fetch),
                HttpResponse.BodyHandlers.ofString());
        for (JsonNode task : JSON.readTree(locked.body())) {
          HttpResponse<Void> completed =
              http.send(
                  post(
                      rest.resolve("external-task/" + task.path("id").asText() + "/complete"),
                      complete),
                  HttpResponse.BodyHandlers.discarding());
          if (completed.statusCode() != 204) {
            System.err.println("complete failed: " + completed.statusCode());
          } else if (last) {
            finished.get().countDown();
          }
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(workerId + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static HttpRequest post(URI uri, String json) {
    return HttpRequest.newBuilder(uri)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json))
        .timeout(Duration.ofMinutes(1))
        .build();
  }
}
