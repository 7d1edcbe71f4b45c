package io.rollgate.connector;

import java.time.Clock;
import java.util.Objects;

/**
 * What every client's builder takes besides the system's address and credentials: the system's
 * {@link Resilience} (to share one circuit breaker per system) and a clock.
 *
 * @param <B> the concrete builder, returned by the setters
 */
public abstract class ClientBuilder<B extends ClientBuilder<B>> {

  private final String system;
  private Resilience resilience;
  private Clock clock = Clock.systemUTC();

  /**
   * @param system the system's name in {@code rollgate-resilience.yaml}, for the default resilience
   */
  protected ClientBuilder(String system) {
    this.system = Objects.requireNonNull(system, "system");
  }

  /** The system's resilience instance to share; the built-in settings by default. */
  public B resilience(Resilience resilience) {
    this.resilience = Objects.requireNonNull(resilience, "resilience");
    return self();
  }

  /** The clock for retry waits and rate-limit resets; the system clock by default. */
  public B clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return self();
  }

  /** The resilience given, or the built-in settings of this system: what the client uses. */
  public Resilience effectiveResilience() {
    if (resilience == null) {
      resilience = Resilience.forSystem(system);
    }
    return resilience;
  }

  /** The clock given, or the system clock: what the client uses. */
  public Clock effectiveClock() {
    return clock;
  }

  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }
}
