package io.rollgate.app.support;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The service as an operator runs it: {@code java -jar app/target/rollgate.jar} in its own process,
 * configured by arguments alone, stopped by SIGTERM, or killed and started again on the same port
 * and data directory.
 */
public final class ServiceProcess implements AutoCloseable {

  /** Built by the {@code package} phase, before integration tests run. */
  public static final Path JAR = Path.of("target", "rollgate.jar");

  private static final Duration STARTUP = Duration.ofMinutes(3);

  private final List<String> command;
  private final int port;
  private final Path workDir;
  private JavaProcess process;
  private int starts;

  private ServiceProcess(List<String> command, int port, Path workDir) {
    this.command = command;
    this.port = port;
    this.workDir = workDir;
  }

  public static ServiceProcess start(String profile, Map<String, String> properties)
      throws IOException, InterruptedException {
    return start(JAR, profile, properties);
  }

  /** The service packaged as {@code jar}, for callers that do not run in the app module. */
  public static ServiceProcess start(Path jar, String profile, Map<String, String> properties)
      throws IOException, InterruptedException {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar.toAbsolutePath() + " is missing: run the package phase");
    }
    int port = JavaProcess.freePort();
    Path workDir = Files.createTempDirectory("rollgate-service");
    List<String> command = new ArrayList<>(List.of("-Xmx768m", "-jar", jar.toString()));
    command.add("--server.port=" + port);
    command.add("--rollgate.data-dir=" + workDir.resolve("data"));
    if (profile != null) {
      command.add("--spring.profiles.active=" + profile);
    }
    properties.forEach((k, v) -> command.add("--" + k + "=" + v));
    ServiceProcess service = new ServiceProcess(List.copyOf(command), port, workDir);
    try {
      service.launch();
    } catch (IOException | InterruptedException | RuntimeException e) {
      service.close();
      throw e;
    }
    return service;
  }

  /** A port on loopback nothing listens on now, for a process the test starts. */
  public static int freePort() throws IOException {
    return JavaProcess.freePort();
  }

  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** The operating system's id of the service's process. */
  public long pid() {
    return process.pid();
  }

  public GateApi api(String token) {
    return new GateApi(baseUri(), token);
  }

  /** SIGTERM; the exit code. */
  public int terminate(Duration timeout) throws InterruptedException {
    return process.terminate(timeout);
  }

  /**
   * SIGKILL: the service stops wherever it is, with no shutdown hook, as when its machine is lost.
   */
  public void kill() throws InterruptedException {
    process.kill();
  }

  /**
   * Starts the service again after it ended, with the same arguments, port and data directory, and
   * waits until it is ready.
   */
  public void restart() throws IOException, InterruptedException {
    if (process.alive()) {
      throw new IllegalStateException("the service still runs; kill or terminate it first");
    }
    launch();
  }

  /** The current process's log. */
  public String log() {
    return process.log();
  }

  /** Copies the log of every start so far into {@code dir}, named by this service's port. */
  public void keepLogsIn(Path dir) throws IOException {
    Files.createDirectories(dir);
    for (int start = 1; start <= starts; start++) {
      Path log = workDir.resolve("service-" + start + ".log");
      if (Files.isRegularFile(log)) {
        Files.copy(
            log,
            dir.resolve("service-" + port + "-" + start + ".log"),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  private void launch() throws IOException, InterruptedException {
    starts++;
    process = JavaProcess.start(workDir.resolve("service-" + starts + ".log"), command);
    try {
      process.awaitOk(baseUri().resolve("/actuator/health/readiness"), STARTUP);
    } catch (IllegalStateException notReady) {
      process.kill();
      throw notReady;
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    if (process != null && process.alive()) {
      process.terminate(Duration.ofSeconds(60));
    }
    TempFiles.delete(workDir);
  }
}
