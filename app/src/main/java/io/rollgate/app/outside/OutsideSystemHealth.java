package io.rollgate.app.outside;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.rollgate.connector.Resilience;
import java.util.Map;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code /actuator/health} component {@code outsideSystems}: one entry per outside system, DOWN
 * while its circuit breaker is open (Rollgate has stopped calling it after repeated failures),
 * UNKNOWN while it is half-open (probing), UP otherwise. It is not part of the readiness group: a
 * failing ServiceNow must not take the gate API out of service.
 */
@Configuration(proxyBeanMethods = false)
class OutsideSystemHealth {

  /** The resilience instances of the outside systems, one each. */
  record Circuits(Resilience servicenow, Resilience launchDarkly, Resilience github) {}

  /** Named for the component, {@code outsideSystems}. */
  @Bean("outsideSystemsHealthContributor")
  CompositeHealthContributor outsideSystemsHealth(Circuits circuits) {
    Map<String, HealthIndicator> systems =
        Map.of(
            "servicenow", () -> of(circuits.servicenow()),
            "launchdarkly", () -> of(circuits.launchDarkly()),
            "github", () -> of(circuits.github()));
    return CompositeHealthContributor.fromMap(systems);
  }

  static Health of(Resilience resilience) {
    CircuitBreaker.State state = resilience.circuitState();
    Health.Builder health =
        switch (state) {
          case OPEN, FORCED_OPEN -> Health.down();
          case HALF_OPEN -> Health.unknown();
          default -> Health.up();
        };
    return health.withDetail("circuit", state.name()).build();
  }
}
