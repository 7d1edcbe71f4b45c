package io.rollgate.engine.it;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.rollgate.engine.RollgateEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts one embedded engine per test class on a fresh data directory and connects the real Camunda
 * Java client to it over REST.
 */
public final class EngineExtension implements BeforeAllCallback, AfterAllCallback {
  private Path dataDirectory;
  private RollgateEngine engine;
  private CamundaClient client;
  private final java.util.function.UnaryOperator<RollgateEngine.Builder> settings;

  public EngineExtension() {
    this(builder -> builder);
  }

  /** An engine with settings beyond the data directory, kept across restarts. */
  public EngineExtension(java.util.function.UnaryOperator<RollgateEngine.Builder> settings) {
    this.settings = settings;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    dataDirectory = Files.createTempDirectory("rollgate-engine-test");
    engine = settings.apply(RollgateEngine.builder().dataDirectory(dataDirectory)).build().start();
    client = newClient(engine.restAddress());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    client.close();
    engine.close();
    deleteRecursively(dataDirectory);
  }

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
    engine = settings.apply(RollgateEngine.builder().dataDirectory(dataDirectory)).build().start();
    client = newClient(engine.restAddress());
  }

  /** Moves the engine clock forward through the actuator, as Camunda Process Test does. */
  public void advanceClock(Duration by) throws IOException, InterruptedException {
    actuator("/actuator/clock/add", "{\"offsetMilli\":" + by.toMillis() + "}");
  }

  /** Forgets every deployment and instance, as Camunda Process Test does between tests. */
  public void purge() {
    try {
      actuator("/actuator/cluster/purge", "{}");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Puts the engine clock back on the wall clock, as Camunda Process Test does between tests. */
  public void resetClock() {
    try {
      send(
          java.net.http.HttpRequest.newBuilder(URI.create(restAddress() + "/actuator/clock"))
              .DELETE()
              .build(),
          "/actuator/clock");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void actuator(String path, String body) throws IOException, InterruptedException {
    send(
        java.net.http.HttpRequest.newBuilder(URI.create(restAddress() + path))
            .header("Content-Type", "application/json")
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body))
            .build(),
        path);
  }

  private static void send(java.net.http.HttpRequest request, String path)
      throws IOException, InterruptedException {
    var response =
        java.net.http.HttpClient.newHttpClient()
            .send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(path + " failed: " + response.body());
    }
  }

  /** A client as a worker application would configure it for this engine. */
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

  static void deleteRecursively(Path dir) {
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
