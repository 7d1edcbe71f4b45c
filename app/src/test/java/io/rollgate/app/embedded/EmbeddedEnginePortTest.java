package io.rollgate.app.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class EmbeddedEnginePortTest {

  @Test
  void theEnginesPortIsOneNoOutgoingConnectionCanTakeBeforeTheEngineBindsIt() throws IOException {
    // given: the service configured with no engine port
    StandardEnvironment environment = new StandardEnvironment();

    // when
    new EmbeddedEnginePort().postProcessEnvironment(environment, new SpringApplication());

    // then: the port is free, below the range the OS takes outgoing connections' ports from
    int port = environment.getProperty("rollgate.engine.port", Integer.class);
    assertThat(port)
        .isLessThan(LoopbackPort.ephemeralLow(LoopbackPort.LINUX_EPHEMERAL_RANGE))
        .isGreaterThan(1023);
    assertThat(environment.getProperty("camunda.client.rest-address"))
        .isEqualTo("http://127.0.0.1:" + port);
    try (ServerSocket engine = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      assertThat(engine.getLocalPort()).isEqualTo(port);
    }
  }

  @Test
  void aPortTheServiceIsGivenIsKept() {
    // given
    StandardEnvironment environment = new StandardEnvironment();
    environment
        .getPropertySources()
        .addFirst(new MapPropertySource("given", Map.of("rollgate.engine.port", 45123)));

    // when
    new EmbeddedEnginePort().postProcessEnvironment(environment, new SpringApplication());

    // then
    assertThat(environment.getProperty("camunda.client.rest-address"))
        .isEqualTo("http://127.0.0.1:45123");
  }

  @Test
  void theEphemeralRangeIsReadAsTheSystemStatesIt(@TempDir Path dir) throws IOException {
    // given
    Path range = Files.writeString(dir.resolve("ip_local_port_range"), "20000\t40000\n");

    // when / then
    assertThat(LoopbackPort.ephemeralLow(range)).isEqualTo(20000);
    assertThat(LoopbackPort.ephemeralLow(dir.resolve("absent")))
        .isEqualTo(LoopbackPort.IANA_EPHEMERAL_LOW);
  }
}
