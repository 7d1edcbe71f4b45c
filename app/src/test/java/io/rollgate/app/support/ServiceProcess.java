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
 * configured by arguments alone, stopped by SIGTERM.
 */
public final class ServiceProcess implements AutoCloseable {

  /** Built by the {@code package} phase, before integration tests run. */
  public static final Path JAR = Path.of("target", "rollgate.jar");

  private final JavaProcess process;
  private final int port;
  private final Path workDir;

  private ServiceProcess(JavaProcess process, int port, Path workDir) {
    this.process = process;
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
    JavaProcess process = JavaProcess.start(workDir.resolve("service.log"), command);
    ServiceProcess service = new ServiceProcess(process, port, workDir);
    process.awaitOk(service.baseUri().resolve("/actuator/health/readiness"), Duration.ofMinutes(2));
    return service;
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

  public String log() {
    return process.log();
  }

  @Override
  public void close() throws IOException, InterruptedException {
    if (process.alive()) {
      process.terminate(Duration.ofSeconds(60));
    }
    TempFiles.delete(workDir);
  }
}
