package io.rollgate.app.kpi;

import java.time.LocalDate;
import java.util.List;

/**
 * {@code GET /api/v1/kpis}: the figures over a period, overall and per service, decision latency
 * per gate and approver, and daily counts.
 *
 * @param service the service asked for; null for all
 */
record KpiReport(
    Period period,
    String service,
    List<Figure> figures,
    List<DecisionLatency> decisionLatency,
    List<ServiceFigures> perService,
    List<Daily> daily) {

  /** Days from {@code from} to {@code to}, both included (UTC). */
  record Period(LocalDate from, LocalDate to) {}

  /**
   * One figure. A ratio or rate has its numerator and denominator; a median (p50) has no numerator,
   * and the number of releases measured as denominator.
   *
   * @param unit {@code ratio} (0 to 1), {@code seconds}, {@code per-day} or {@code count}
   * @param value null when the period has no data for it
   * @param releaseIds the releases the figure counts (its denominator's releases)
   */
  record Figure(
      String key,
      String label,
      String unit,
      Number value,
      Long numerator,
      Long denominator,
      List<String> releaseIds) {}

  /**
   * How long a gate waited for its decision: from the release's previous decision (its start, for
   * the first) to this one.
   *
   * @param approver who decided; null for the gate's row over every approver
   */
  record DecisionLatency(
      String gate,
      String approver,
      long count,
      long p50Seconds,
      long p90Seconds,
      List<String> releaseIds) {}

  record ServiceFigures(String service, List<Figure> figures) {}

  /** Releases started that day, and releases that ended that day by how they ended. */
  record Daily(LocalDate date, long started, long succeeded, long failed, long rolledBack) {}
}
