package io.rollgate.engine.it;

import io.camunda.client.CamundaClient;
import io.rollgate.engine.testing.TestEngine;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The engine as a separate JVM, started with the documented command line, for crash tests. */
final class EngineProcess implements AutoCloseable {
  private final Process process;
  private final int port;

  private EngineProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  static EngineProcess start(Path dataDirectory, Path log)
      throws IOException, InterruptedException {
    int port = freePort();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process =
        new ProcessBuilder(
                List.of(
                    java,
                    "-cp",
                    System.getProperty("java.class.path"),
                    "io.rollgate.engine.EngineMain",
                    "--port",
                    Integer.toString(port),
                    "--data-dir",
                    dataDirectory.toString()))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    EngineProcess engine = new EngineProcess(process, port);
    engine.awaitReady();
    return engine;
  }

  URI restAddress() {
    return URI.create("http://127.0.0.1:" + port);
  }

  CamundaClient newClient() {
    return TestEngine.newClient(restAddress());
  }

  /** SIGKILL: no shutdown hook runs, nothing is flushed on the way out. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  private void awaitReady() throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    try (CamundaClient client = newClient()) {
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IllegalStateException("the engine process exited with " + process.exitValue());
        }
        try {
          client.newTopologyRequest().send().join();
          return;
        } catch (RuntimeException notYet) {
          Thread.sleep(100);
        }
      }
    }
    throw new IllegalStateException("the engine did not answer within 60 s");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    process.waitFor();
  }
}
