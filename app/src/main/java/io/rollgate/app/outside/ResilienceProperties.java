package io.rollgate.app.outside;

import io.rollgate.connector.ResilienceConfig;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The operator's resilience settings ({@code rollgate.resilience.*}).
 *
 * @param file a YAML file in the form of the built-in {@code rollgate-resilience.yaml} whose values
 *     are layered over it (timeouts, attempts, back-off, circuit breaker, per system); none: the
 *     built-in settings
 */
@ConfigurationProperties("rollgate.resilience")
public record ResilienceProperties(Path file) {

  /** The settings the outside systems' clients use. */
  ResilienceConfig config() {
    return file == null ? ResilienceConfig.builtIn() : ResilienceConfig.load(file);
  }
}
