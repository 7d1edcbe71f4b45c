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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A JVM the test starts as a separate process, its output in a log file the test can read. */
public final class JavaProcess {

  private final Process process;
  private final Path log;

  private JavaProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /**
   * @param jvmAndProgram what follows {@code java}: options, then {@code -jar x} or {@code -cp x
   *     main}, then arguments
   */
  public static JavaProcess start(Path log, List<String> jvmAndProgram) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmAndProgram);
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new JavaProcess(process, log);
  }

  /** Waits until {@code url} answers 200, failing with the process's log when it ends first. */
  public void awaitOk(URI url, Duration timeout) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the process ended before it answered: " + log());
      }
      try {
        HttpResponse<Void> status =
            http.send(HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.discarding());
        if (status.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(url + " did not answer within " + timeout + ": " + log());
  }

  /**
   * Sends SIGTERM, as an orchestrator does to stop a service, and waits for the process to end.
   *
   * @return its exit code
   */
  public int terminate(Duration timeout) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError("the process did not end within " + timeout + " of SIGTERM");
    }
    return process.exitValue();
  }

  /** The operating system's id of the process, to read its figures under {@code /proc}. */
  public long pid() {
    return process.pid();
  }

  /** Sends SIGKILL, as the kernel's OOM killer or a lost machine does: no shutdown hook runs. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  public boolean alive() {
    return process.isAlive();
  }

  public String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
