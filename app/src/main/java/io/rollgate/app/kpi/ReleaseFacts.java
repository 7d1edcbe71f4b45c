package io.rollgate.app.kpi;

import java.time.Instant;
import java.util.List;

/**
 * What the KPIs read of one release: its record and its decision log entries.
 *
 * @param state {@code RUNNING} or how it ended
 * @param wavePercent the highest rollout wave started; above 0 once the change reached production
 * @param endedAt null while running
 * @param decisions its decision log entries, oldest first
 */
record ReleaseFacts(
    String id,
    String service,
    String version,
    String state,
    int wavePercent,
    Instant startedAt,
    Instant endedAt,
    List<Decided> decisions) {

  ReleaseFacts {
    decisions = List.copyOf(decisions);
  }

  /**
   * One decision log entry.
   *
   * @param incidents the P1/P2 incident numbers its evidence names: open at readiness ({@code
   *     incidentNumbers}) or new at a health check ({@code newIncidents})
   * @param wave the rollout percentage its evidence names; null when none
   */
  record Decided(
      String gate,
      String decision,
      String actor,
      Instant decidedAt,
      List<String> incidents,
      Integer wave) {

    Decided {
      incidents = List.copyOf(incidents);
    }
  }
}
