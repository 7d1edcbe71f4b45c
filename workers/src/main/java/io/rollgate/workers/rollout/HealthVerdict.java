package io.rollgate.workers.rollout;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a health check found.
 *
 * @param evidence what was seen, for the person who decides, for example {@code http_error_ratio
 *     0.07 above 0.05 at https://...}
 * @param newIncidents incidents opened on the service since readiness, if the check reads them
 */
record HealthVerdict(Status status, String evidence, List<String> newIncidents) {

  /** In increasing order of concern: the worst of several verdicts wins. */
  enum Status {
    HEALTHY,
    INCONCLUSIVE,
    UNHEALTHY
  }

  HealthVerdict {
    newIncidents = List.copyOf(newIncidents);
  }

  static HealthVerdict healthy(String evidence) {
    return new HealthVerdict(Status.HEALTHY, evidence, List.of());
  }

  static HealthVerdict unhealthy(String evidence) {
    return new HealthVerdict(Status.UNHEALTHY, evidence, List.of());
  }

  static HealthVerdict inconclusive(String evidence) {
    return new HealthVerdict(Status.INCONCLUSIVE, evidence, List.of());
  }

  /**
   * The worst status of the verdicts, with all their evidence; inconclusive when there is none, as
   * no finding is no proof of health.
   */
  static HealthVerdict worstOf(List<HealthVerdict> verdicts) {
    if (verdicts.isEmpty()) {
      return inconclusive("no health check applies");
    }
    Status worst =
        verdicts.stream().map(HealthVerdict::status).max(Comparator.naturalOrder()).orElseThrow();
    return new HealthVerdict(
        worst,
        verdicts.stream().map(HealthVerdict::evidence).collect(Collectors.joining("; ")),
        verdicts.stream().flatMap(v -> v.newIncidents().stream()).toList());
  }
}
