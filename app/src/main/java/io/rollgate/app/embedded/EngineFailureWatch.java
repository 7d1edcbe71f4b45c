package io.rollgate.app.embedded;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.context.ApplicationEventPublisher;

/**
 * What the service does when its embedded engine stops after a failure it cannot go on from (disk
 * full, out of memory): the liveness probe turns DOWN so that the supervisor restarts the service
 * (the engine recovers from its journal on start), and the health component {@code embeddedEngine}
 * says why. Until then the engine answers 503 and no release moves.
 */
class EngineFailureWatch implements HealthIndicator {
  private static final Logger log = LoggerFactory.getLogger(EngineFailureWatch.class);

  private final ApplicationEventPublisher events;
  private volatile Throwable failure;

  EngineFailureWatch(ApplicationEventPublisher events) {
    this.events = events;
  }

  /** Called by the engine, once, from a thread of its own. */
  void engineStopped(Throwable cause) {
    failure = cause;
    log.error("The embedded engine stopped after a failure; restart the service to recover", cause);
    AvailabilityChangeEvent.publish(events, this, LivenessState.BROKEN);
  }

  @Override
  public Health health() {
    Throwable stopped = failure;
    if (stopped == null) {
      return Health.up().build();
    }
    return Health.down()
        .withDetail("failure", String.valueOf(stopped))
        .withDetail("action", "restart the service; the engine recovers from its journal")
        .build();
  }
}
