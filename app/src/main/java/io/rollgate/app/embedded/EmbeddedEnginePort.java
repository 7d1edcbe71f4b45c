package io.rollgate.app.embedded;

import java.util.Map;
import java.util.random.RandomGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Points the Camunda client at the embedded engine before any bean is made: when {@code
 * rollgate.engine.embedded} is on, the engine's port is fixed (a free one when it is 0) and {@code
 * camunda.client.rest-address} set to it, so the starter's client and workers talk to the engine
 * exactly as they would to a cluster.
 */
public class EmbeddedEnginePort implements EnvironmentPostProcessor {

  static final String SOURCE = "rollgateEmbeddedEngine";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    if (!environment.getProperty("rollgate.engine.embedded", Boolean.class, true)) {
      return;
    }
    int port = environment.getProperty("rollgate.engine.port", Integer.class, 0);
    if (port == 0) {
      port = LoopbackPort.free(RandomGenerator.getDefault());
    }
    String address = "http://127.0.0.1:" + port;
    environment
        .getPropertySources()
        .addFirst(
            new MapPropertySource(
                SOURCE,
                Map.of(
                    "rollgate.engine.port", port,
                    "camunda.client.rest-address", address,
                    // required by the client, never used: the engine speaks REST only
                    "camunda.client.grpc-address", "http://127.0.0.1:1")));
  }
}
