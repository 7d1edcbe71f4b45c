package io.rollgate.engine.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.rollgate.engine.testing.TestEngine;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The standalone engine's process as a supervisor sees it: a graceful stop leaves a snapshot, an
 * unusable data directory is one line, and a failure the engine cannot go on from ends the process
 * with a non-zero exit code instead of answering 503 forever.
 */
class EngineProcessLifecycleIT {
  private Path dir;

  @BeforeEach
  void directory() throws IOException {
    dir = Files.createTempDirectory("rollgate-process-lifecycle");
  }

  @AfterEach
  void cleanUp() {
    TestEngine.deleteRecursively(dir);
  }

  @Test
  void aGracefulStopWritesASnapshot() throws Exception {
    // given
    Path data = dir.resolve("data");
    int port = freePort();
    Process engine = start(data, port);
    awaitReady(engine, port);
    try (CamundaClient client = TestEngine.newClient(uri(port))) {
      client
          .newDeployResourceCommand()
          .addProcessModel(
              Bpmn.createExecutableProcess("kept").startEvent().endEvent().done(), "kept.bpmn")
          .send()
          .join();
    }

    // when: SIGTERM
    engine.destroy();

    // then
    assertThat(engine.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(filesIn(data.resolve("snapshots"))).isNotEmpty();
  }

  @Test
  void aDataDirectoryThatCannotBeCreatedIsOneLineAndExitCode1() throws Exception {
    // given: sysfs refuses new directories, as a read-only file system does
    Path data = Path.of("/sys/rollgate-data-" + System.nanoTime());

    // when
    Process engine = start(data, freePort());

    // then
    assertThat(engine.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(engine.exitValue()).isEqualTo(1);
    List<String> lines = nonEmptyLines(output());
    assertThat(lines).hasSize(1);
    assertThat(lines.get(0)).startsWith("rollgate-engine: ").contains(data.toString());
  }

  @Test
  void aJournalThatCannotBeWrittenEndsTheProcessWithExitCode1() throws Exception {
    // given: files may grow to 2 MiB (ulimit -f), so the journal fills up as a full disk would
    int port = freePort();
    Process engine = start(dir.resolve("data"), port, "ulimit -f 4096 && exec ");
    awaitReady(engine, port);
    try (CamundaClient client = TestEngine.newClient(uri(port))) {
      client
          .newDeployResourceCommand()
          .addProcessModel(
              Bpmn.createExecutableProcess("filling").startEvent().endEvent().done(),
              "filling.bpmn")
          .send()
          .join();

      // when: 512 KiB of variables per instance, until the journal cannot take more
      String half = "x".repeat(512 * 1024);
      for (int i = 0; i < 20 && engine.isAlive(); i++) {
        try {
          client
              .newCreateInstanceCommand()
              .bpmnProcessId("filling")
              .latestVersion()
              .variables(java.util.Map.of("blob", half))
              .send()
              .join();
        } catch (RuntimeException refused) {
          // the write that failed, or the process already on its way out
        }
      }

      // then
      assertThat(engine.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(engine.exitValue()).isEqualTo(1);
    assertThat(output()).contains("stopped after a failure");
  }

  private Process start(Path data, int port) throws IOException {
    return start(data, port, "exec ");
  }

  /** Starts the engine through {@code sh}, so a test can set limits before it. */
  private Process start(Path data, int port, String shellPrefix) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String command =
        shellPrefix
            + String.join(
                " ",
                quoted(java),
                "-cp",
                quoted(System.getProperty("java.class.path")),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=off",
                "io.rollgate.engine.EngineMain",
                "--port",
                Integer.toString(port),
                "--data-dir",
                quoted(data.toString()));
    return new ProcessBuilder(List.of("sh", "-c", command))
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("engine.log").toFile())
        .start();
  }

  private static String quoted(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }

  private String output() throws IOException {
    return Files.readString(dir.resolve("engine.log"), StandardCharsets.UTF_8);
  }

  private static List<String> nonEmptyLines(String text) {
    List<String> lines = new ArrayList<>();
    text.lines().filter(line -> !line.isBlank()).forEach(lines::add);
    return lines;
  }

  private static List<Path> filesIn(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(Files::isRegularFile).toList();
    }
  }

  private static void awaitReady(Process engine, int port) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    try (CamundaClient client = TestEngine.newClient(uri(port))) {
      while (System.nanoTime() < deadline) {
        if (!engine.isAlive()) {
          throw new IllegalStateException("the engine exited with " + engine.exitValue());
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

  private static java.net.URI uri(int port) {
    return java.net.URI.create("http://127.0.0.1:" + port);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
