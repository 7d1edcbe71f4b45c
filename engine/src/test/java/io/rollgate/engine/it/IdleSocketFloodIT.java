package io.rollgate.engine.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.rollgate.engine.testing.TestEngine;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * More idle connections than the engine process has file descriptors (this machine allows 20,000
 * per process): 22,000 from two processes against the standalone engine with its default limits.
 * The engine keeps serving new clients instead of running out of descriptors.
 */
class IdleSocketFloodIT {
  private static final int IN_THIS_PROCESS = 10_000;
  private static final int IN_ANOTHER_PROCESS = 12_000;

  private Path dir;
  private EngineProcess engine;

  @BeforeEach
  void startEngine() throws Exception {
    dir = Files.createTempDirectory("rollgate-socket-flood");
    engine = EngineProcess.start(dir.resolve("data"), dir.resolve("engine.log"));
  }

  @AfterEach
  void stopEngine() throws Exception {
    engine.kill();
    TestEngine.deleteRecursively(dir);
  }

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void twentyTwoThousandIdleConnectionsDoNotLockClientsOut() throws Exception {
    // given: 22,000 idle connections, 12,000 of them from another process
    String host = engine.restAddress().getHost();
    int port = engine.restAddress().getPort();
    Process other = holdInAnotherProcess(host, port);
    List<Socket> here = SocketHolder.open(host, port, IN_THIS_PROCESS);
    try (CamundaClient client = engine.newClient()) {
      // when / then: a new client is answered within a second and runs an instance to its end
      long started = System.nanoTime();
      client.newTopologyRequest().requestTimeout(Duration.ofSeconds(1)).send().join();
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));

      client
          .newDeployResourceCommand()
          .addProcessModel(
              Bpmn.createExecutableProcess("flooded").startEvent().endEvent().done(),
              "flooded.bpmn")
          .send()
          .join();
      Map<String, Object> result =
          client
              .newCreateInstanceCommand()
              .bpmnProcessId("flooded")
              .latestVersion()
              .variables(Map.of("served", true))
              .withResult()
              .requestTimeout(Duration.ofSeconds(10))
              .send()
              .join()
              .getVariablesAsMap();
      assertThat(result).containsEntry("served", true);
    } finally {
      SocketHolder.closeAll(here);
      other.getOutputStream().close();
      other.waitFor();
    }
  }

  private static Process holdInAnotherProcess(String host, int port) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                SocketHolder.class.getName(),
                host,
                Integer.toString(port),
                Integer.toString(IN_ANOTHER_PROCESS))
            .redirectErrorStream(true)
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    assertThat(line).as("the other process's connections").isNotNull().startsWith("held ");
    return process;
  }
}
