package io.rollgate.app.kpi;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The KPIs of the last 30 days on {@code /actuator/prometheus} as {@code rollgate_kpi{key,service}}
 * ({@code service="all"} over every service), recomputed every {@value #REFRESH_MINUTES} minutes on
 * a thread of their own rather than at each scrape. A figure without data is NaN.
 */
@Component
class KpiGauges implements SmartLifecycle {

  static final long REFRESH_MINUTES = 5;
  static final String ALL_SERVICES = "all";

  private static final Logger LOG = LoggerFactory.getLogger(KpiGauges.class);

  private final Kpis kpis;
  private final MultiGauge gauge;
  private ScheduledExecutorService refresher;

  KpiGauges(Kpis kpis, MeterRegistry registry) {
    this.kpis = kpis;
    this.gauge =
        MultiGauge.builder("rollgate.kpi")
            .description("Delivery KPIs of the releases started in the last 30 days")
            .register(registry);
  }

  @Override
  public synchronized void start() {
    refresher =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "kpi-gauges");
              thread.setDaemon(true);
              return thread;
            });
    refresher.scheduleWithFixedDelay(this::refresh, 0, REFRESH_MINUTES, TimeUnit.MINUTES);
  }

  @Override
  public synchronized void stop() {
    refresher.shutdownNow();
    refresher = null;
  }

  @Override
  public synchronized boolean isRunning() {
    return refresher != null;
  }

  void refresh() {
    try {
      KpiReport report = kpis.report(kpis.lastDays(), null, Kpis.DEFAULT_INCIDENT_WINDOW_DAYS);
      List<MultiGauge.Row<?>> rows = new ArrayList<>();
      report.figures().forEach(f -> rows.add(row(f, ALL_SERVICES)));
      report.perService().forEach(s -> s.figures().forEach(f -> rows.add(row(f, s.service()))));
      gauge.register(rows, true);
    } catch (RuntimeException e) {
      // the last figures stay; the next refresh tries again
      LOG.warn("KPI gauges not refreshed: {}", e.toString());
    }
  }

  private static MultiGauge.Row<?> row(KpiReport.Figure figure, String service) {
    double value = figure.value() == null ? Double.NaN : figure.value().doubleValue();
    return MultiGauge.Row.of(Tags.of("key", figure.key(), "service", service), value);
  }
}
