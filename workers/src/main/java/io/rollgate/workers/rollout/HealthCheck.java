package io.rollgate.workers.rollout;

import java.util.List;
import java.util.Optional;

/**
 * One way to tell whether a rollout wave is healthy. The {@code health-check} worker runs every
 * check and takes the worst verdict.
 */
interface HealthCheck {

  /**
   * @return the verdict, or empty when this check does not apply to the service (nothing configured
   *     for it)
   */
  Optional<HealthVerdict> check(Wave wave);

  /**
   * @param service the service being rolled out
   * @param percent the wave's percentage
   * @param knownIncidents incidents open when readiness was assessed: the release went ahead
   *     knowing them
   */
  record Wave(String service, int percent, List<String> knownIncidents) {}
}
