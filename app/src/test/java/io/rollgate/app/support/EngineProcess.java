package io.rollgate.app.support;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The embedded engine started as a separate process, the stand-in for a Camunda 8 cluster: the
 * service reaches it only through {@code camunda.client.*} properties, as it would reach a cluster.
 */
public final class EngineProcess implements AutoCloseable {

  private final JavaProcess process;
  private final int port;
  private final Path dataDir;

  private EngineProcess(JavaProcess process, int port, Path dataDir) {
    this.process = process;
    this.port = port;
    this.dataDir = dataDir;
  }

  /** Starts {@code io.rollgate.engine.EngineMain} on a free port and waits until it answers. */
  public static EngineProcess start() throws IOException, InterruptedException {
    int port = JavaProcess.freePort();
    Path dataDir = Files.createTempDirectory("rollgate-cluster");
    JavaProcess process =
        JavaProcess.start(
            dataDir.resolve("engine.log"),
            List.of(
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                "io.rollgate.engine.EngineMain",
                "--port",
                String.valueOf(port),
                "--data-dir",
                dataDir.resolve("data").toString()));
    EngineProcess engine = new EngineProcess(process, port, dataDir);
    process.awaitOk(engine.restAddress().resolve("/v2/topology"), Duration.ofSeconds(30));
    return engine;
  }

  public URI restAddress() {
    return URI.create("http://127.0.0.1:" + port);
  }

  @Override
  public void close() throws IOException, InterruptedException {
    process.terminate(Duration.ofSeconds(30));
    TempFiles.delete(dataDir);
  }
}
