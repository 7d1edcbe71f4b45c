package io.rollgate.app.release;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * The release KPIs on {@code /actuator/prometheus}: releases started, releases ended by state
 * (change success and rollback rates follow), and how long after its start each gate decided
 * (decision latency per gate).
 */
@Component
class ReleaseMetrics {

  private final MeterRegistry registry;
  private final Counter started;

  ReleaseMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.started =
        Counter.builder("rollgate.releases.started")
            .description("Releases started through the gate API")
            .register(registry);
  }

  void started() {
    started.increment();
  }

  void ended(String state) {
    Counter.builder("rollgate.releases.ended")
        .description("Releases ended, by how they ended")
        .tag("state", state)
        .register(registry)
        .increment();
  }

  void gateDecided(String gate, Instant releaseStarted, Instant decided) {
    Timer.builder("rollgate.gate.decision.latency")
        .description("Time from a release's start to a gate's decision")
        .tag("gate", gate)
        .publishPercentileHistogram()
        .register(registry)
        .record(Duration.between(releaseStarted, decided));
  }
}
