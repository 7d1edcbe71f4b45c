package io.rollgate.app.kpi;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Delivery KPIs over a period: {@code GET /api/v1/kpis}. */
@RestController
@RequestMapping("/api/v1/kpis")
class KpiController {

  private static final int MAX_DAYS = 366;
  private static final int MAX_INCIDENT_WINDOW_DAYS = 90;

  private final Kpis kpis;

  KpiController(Kpis kpis) {
    this.kpis = kpis;
  }

  /**
   * @param from first day (ISO date, UTC), included; default 29 days before {@code to}
   * @param to last day, included; default today
   */
  @GetMapping
  KpiReport kpis(
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String service,
      @RequestParam(defaultValue = "7") int incidentWindowDays) {
    KpiReport.Period defaults = kpis.lastDays();
    LocalDate last = to == null ? defaults.to() : date("to", to);
    LocalDate first = from == null ? last.minusDays(Kpis.DEFAULT_DAYS - 1) : date("from", from);
    if (first.isAfter(last)) {
      throw new InvalidKpiQueryException("from", "must be on or before to");
    }
    if (first.plusDays(MAX_DAYS).isBefore(last.plusDays(1))) {
      throw new InvalidKpiQueryException("to", "the period is at most " + MAX_DAYS + " days");
    }
    if (incidentWindowDays < 0 || incidentWindowDays > MAX_INCIDENT_WINDOW_DAYS) {
      throw new InvalidKpiQueryException(
          "incidentWindowDays", "must be 0 to " + MAX_INCIDENT_WINDOW_DAYS);
    }
    return kpis.report(
        new KpiReport.Period(first, last),
        service == null || service.isBlank() ? null : service,
        incidentWindowDays);
  }

  private static LocalDate date(String name, String value) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new InvalidKpiQueryException(name, "must be an ISO date such as 2026-12-06");
    }
  }
}
