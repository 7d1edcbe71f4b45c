package io.rollgate.app.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The embedded engine started as a separate process, the stand-in for a Camunda 8 cluster: the
 * service reaches it only through {@code camunda.client.*} properties, as it would reach a cluster.
 */
public final class EngineProcess implements AutoCloseable {

  private final Process process;
  private final int port;
  private final Path dataDir;

  private EngineProcess(Process process, int port, Path dataDir) {
    this.process = process;
    this.port = port;
    this.dataDir = dataDir;
  }

  /** Starts {@code io.rollgate.engine.EngineMain} on a free port and waits until it answers. */
  public static EngineProcess start() throws IOException, InterruptedException {
    int port = freePort();
    Path dataDir = Files.createTempDirectory("rollgate-cluster");
    Path log = dataDir.resolve("engine.log");
    Process process =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m",
                    "-cp",
                    System.getProperty("java.class.path"),
                    "io.rollgate.engine.EngineMain",
                    "--port",
                    String.valueOf(port),
                    "--data-dir",
                    dataDir.resolve("data").toString()))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    EngineProcess engine = new EngineProcess(process, port, dataDir);
    engine.awaitUp(Duration.ofSeconds(30));
    return engine;
  }

  public URI restAddress() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public long pid() {
    return process.pid();
  }

  private void awaitUp(Duration timeout) throws InterruptedException, IOException {
    HttpClient http = HttpClient.newHttpClient();
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the engine process ended: " + Files.readString(dataDir.resolve("engine.log")));
      }
      try {
        HttpResponse<Void> status =
            http.send(
                HttpRequest.newBuilder(restAddress().resolve("/v2/topology")).build(),
                HttpResponse.BodyHandlers.discarding());
        if (status.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the engine did not answer within " + timeout);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    process.destroy();
    process.waitFor();
    TempFiles.delete(dataDir);
  }
}
