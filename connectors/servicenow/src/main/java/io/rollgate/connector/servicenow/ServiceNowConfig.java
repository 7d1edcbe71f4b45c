package io.rollgate.connector.servicenow;

import io.rollgate.connector.Resilience;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link ServiceNowClient}. Start with {@link #of(URI, ServiceNowAuth)} and change
 * what differs with the {@code with…} methods.
 *
 * @param baseUrl the instance, for example {@code https://acme.service-now.com}
 * @param resilience timeouts, retries and circuit breaker of the {@code servicenow} system
 * @param clock used for token expiry and conflict-check deadlines
 * @param tokenRefreshSkew how long before its expiry an OAuth token is replaced
 * @param conflictPollInterval wait between two reads of a running conflict check
 */
public record ServiceNowConfig(
    URI baseUrl,
    ServiceNowAuth auth,
    Resilience resilience,
    Clock clock,
    Duration tokenRefreshSkew,
    Duration conflictPollInterval) {

  public ServiceNowConfig {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(auth, "auth");
    Objects.requireNonNull(resilience, "resilience");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(tokenRefreshSkew, "tokenRefreshSkew");
    Objects.requireNonNull(conflictPollInterval, "conflictPollInterval");
    if (tokenRefreshSkew.isNegative() || conflictPollInterval.isNegative()) {
      throw new IllegalArgumentException("durations must not be negative");
    }
  }

  /** The built-in {@code servicenow} resilience, the system clock, 60 s skew, 1 s polling. */
  public static ServiceNowConfig of(URI baseUrl, ServiceNowAuth auth) {
    return new ServiceNowConfig(
        baseUrl,
        auth,
        Resilience.forSystem(ServiceNowClient.SYSTEM),
        Clock.systemUTC(),
        Duration.ofSeconds(60),
        Duration.ofSeconds(1));
  }

  public ServiceNowConfig withResilience(Resilience r) {
    return new ServiceNowConfig(baseUrl, auth, r, clock, tokenRefreshSkew, conflictPollInterval);
  }

  public ServiceNowConfig withClock(Clock c) {
    return new ServiceNowConfig(
        baseUrl, auth, resilience, c, tokenRefreshSkew, conflictPollInterval);
  }

  public ServiceNowConfig withTokenRefreshSkew(Duration skew) {
    return new ServiceNowConfig(baseUrl, auth, resilience, clock, skew, conflictPollInterval);
  }

  public ServiceNowConfig withConflictPollInterval(Duration interval) {
    return new ServiceNowConfig(baseUrl, auth, resilience, clock, tokenRefreshSkew, interval);
  }
}
