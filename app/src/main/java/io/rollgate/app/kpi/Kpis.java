package io.rollgate.app.kpi;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.springframework.stereotype.Service;

/** The KPIs over a period, computed from the records. */
@Service
class Kpis {

  /** The period when none is asked for: the last 30 days, today included. */
  static final int DEFAULT_DAYS = 30;

  /** How long after a full rollout an incident counts against the release, unless asked. */
  static final int DEFAULT_INCIDENT_WINDOW_DAYS = 7;

  private final KpiRecords records;
  private final Clock clock;

  Kpis(KpiRecords records) {
    this.records = records;
    this.clock = Clock.systemUTC();
  }

  /** The last {@value #DEFAULT_DAYS} days, today (UTC) included. */
  KpiReport.Period lastDays() {
    LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
    return new KpiReport.Period(today.minusDays(DEFAULT_DAYS - 1), today);
  }

  /**
   * @param service one service's releases only; null for all
   */
  KpiReport report(KpiReport.Period period, String service, int incidentWindowDays) {
    Duration window = Duration.ofDays(incidentWindowDays);
    return new KpiCalculator(window)
        .report(
            period,
            service,
            records.startedBetween(
                period.from().atStartOfDay(ZoneOffset.UTC).toInstant(),
                period.to().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().plus(window),
                service));
  }
}
