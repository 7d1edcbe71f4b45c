package io.rollgate.engine.testing;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.rollgate.engine.RollgateEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The engine a {@link RollgateEngineTest} class runs against: the engine, a connected client, and
 * what tests do to it between steps (restart, move the clock, purge).
 */
public final class TestEngine implements AutoCloseable {
  private final Path dataDirectory;
  private final UnaryOperator<RollgateEngine.Builder> settings;
  private RollgateEngine engine;
  private CamundaClient client;

  TestEngine(UnaryOperator<RollgateEngine.Builder> settings) throws IOException {
    this.settings = settings;
    this.dataDirectory = Files.createTempDirectory("rollgate-engine-test");
    start();
  }

  /**
   * Starts an engine of its own, for a class that needs one besides its {@link RollgateEngineTest}
   * engine (other limits, say); the caller closes it.
   */
  public static TestEngine start(UnaryOperator<RollgateEngine.Builder> settings) {
    try {
      return new TestEngine(settings);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void start() {
    engine = settings.apply(RollgateEngine.builder().dataDirectory(dataDirectory)).build().start();
    client = newClient(engine.restAddress());
  }

  /** The client connected to the engine; a new one after each {@link #restart()}. */
  public CamundaClient client() {
    return client;
  }

  public RollgateEngine engine() {
    return engine;
  }

  public URI restAddress() {
    return engine.restAddress();
  }

  /** Restarts the engine on the same data directory and reconnects the client. */
  public void restart() {
    restart(Duration.ZERO);
  }

  /** Stops the engine, leaves it down for a while, starts it again and reconnects the client. */
  public void restart(Duration downFor) {
    client.close();
    engine.close();
    try {
      Thread.sleep(downFor.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    start();
  }

  /** Moves the engine clock forward through the actuator, as Camunda Process Test does. */
  public void advanceClock(Duration by) {
    actuator("/actuator/clock/add", "{\"offsetMilli\":" + by.toMillis() + "}");
  }

  /** Forgets every deployment and instance, as Camunda Process Test does between tests. */
  public void purge() {
    actuator("/actuator/cluster/purge", "{}");
  }

  /** Puts the engine clock back on the wall clock, as Camunda Process Test does between tests. */
  public void resetClock() {
    send(HttpRequest.newBuilder(URI.create(restAddress() + "/actuator/clock")).DELETE().build());
  }

  /** Deploys a model under its process id, as a modeler would save it. */
  public DeploymentEvent deploy(BpmnModelInstance model) {
    String id =
        model
            .getModelElementsByType(io.camunda.zeebe.model.bpmn.instance.Process.class)
            .iterator()
            .next()
            .getId();
    return client
        .newDeployResourceCommand()
        .addResourceStringUtf8(Bpmn.convertToString(model), id + ".bpmn")
        .send()
        .join();
  }

  /** A client as a worker application would configure it for an engine at this address. */
  public static CamundaClient newClient(URI restAddress) {
    return CamundaClient.newClientBuilder()
        .restAddress(restAddress)
        .grpcAddress(URI.create("http://127.0.0.1:1"))
        .preferRestOverGrpc(true)
        .defaultJobWorkerStreamEnabled(false)
        .defaultJobPollInterval(Duration.ofMillis(100))
        .defaultRequestTimeout(Duration.ofSeconds(10))
        .build();
  }

  /** Closes client and engine and deletes the data directory. */
  @Override
  public void close() {
    client.close();
    engine.close();
    deleteRecursively(dataDirectory);
  }

  private void actuator(String path, String body) {
    send(
        HttpRequest.newBuilder(URI.create(restAddress() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  private static void send(HttpRequest request) {
    HttpResponse<String> response;
    try {
      response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    if (response.statusCode() != 200) {
      throw new IllegalStateException(request.uri().getPath() + " failed: " + response.body());
    }
  }

  /** Deletes a temporary directory and everything in it; nothing when it does not exist. */
  public static void deleteRecursively(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
