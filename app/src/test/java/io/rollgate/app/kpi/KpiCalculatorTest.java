package io.rollgate.app.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.rollgate.app.kpi.KpiReport.DecisionLatency;
import io.rollgate.app.kpi.KpiReport.Figure;
import io.rollgate.app.kpi.ReleaseFacts.Decided;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The KPIs of eight releases of two services over ten days (1 to 10 November), and one release of
 * 11 November that only witnesses an incident, checked against figures worked out by hand.
 *
 * <pre>
 * id  service  version state        wave started     readiness     ended    full rollout
 * r1  payments 1.0     RELEASED     100  02 10:00    GO            +1800 s  +1200 s
 * r2  payments 1.1     ROLLED_BACK   50  03 09:00    GO_WITH_RISK  +1600 s  -   (UNHEALTHY +1000 s, INC2)
 * r3  payments 1.1     RELEASED     100  04 08:00    GO_WITH_RISK  +1200 s  +1000 s
 * r4  checkout 2.0     NOT_READY      0  04 12:00    NO_GO         +40 s    -
 * r5  checkout 2.0     RELEASED     100  05 12:00    GO            +600 s   +400 s
 * r6  checkout 2.1     RELEASED     100  06 12:00    GO_WITH_RISK  +500 s   +300 s  (sees INC3)
 * r7  checkout 2.2     RUNNING        0  08 12:00    GO_WITH_RISK  -        -       (sees INC3)
 * r8  payments 1.2     ABORTED        0  09 10:00    GO            +120 s   -
 * r9  payments 1.3     RUNNING        0  11 06:00    GO_WITH_RISK  -        -       (sees INC1, INC5)
 * </pre>
 *
 * Incidents first seen within 7 days of a full rollout: r1 (INC2 at r2's health check), r3 (INC5 at
 * r9's readiness, 11 Nov 06:00, before r3's window closes at 08:16:40), r5 (INC3 at r6's
 * readiness); not r6 (INC3 is its own, r7 sees nothing new).
 */
class KpiCalculatorTest {

  private static final KpiReport.Period TEN_DAYS =
      new KpiReport.Period(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-10"));
  private static final KpiCalculator CALCULATOR = new KpiCalculator(Duration.ofDays(7));

  private static final ReleaseFacts R1 =
      release(
          "r1 payments 1.0 RELEASED 100 2026-11-02T10:00:00Z +1800",
          at(60, "readiness", "GO", "system"),
          at(600, "cab", "APPROVED", "system"),
          wave(900, 50),
          at(1000, "health-check", "HEALTHY", "system"),
          wave(1200, 100),
          at(1300, "health-check", "HEALTHY", "system"));
  private static final ReleaseFacts R2 =
      release(
          "r2 payments 1.1 ROLLED_BACK 50 2026-11-03T09:00:00Z +1600",
          at(120, "readiness", "GO_WITH_RISK", "system", "INC1"),
          at(420, "cab", "APPROVED", "system"),
          at(720, "go-no-go", "GO", "alice"),
          wave(800, 50),
          at(1000, "health-check", "UNHEALTHY", "system", "INC2"));
  private static final ReleaseFacts R3 =
      release(
          "r3 payments 1.1 RELEASED 100 2026-11-04T08:00:00Z +1200",
          at(60, "readiness", "GO_WITH_RISK", "system", "INC1"),
          at(360, "cab", "APPROVED", "system"),
          at(960, "go-no-go", "GO", "bob"),
          wave(1000, 100),
          at(1100, "health-check", "HEALTHY", "system"));
  private static final ReleaseFacts R4 =
      release(
          "r4 checkout 2.0 NOT_READY 0 2026-11-04T12:00:00Z +40",
          at(30, "readiness", "NO_GO", "system"));
  private static final ReleaseFacts R5 =
      release(
          "r5 checkout 2.0 RELEASED 100 2026-11-05T12:00:00Z +600",
          at(30, "readiness", "GO", "system"),
          at(330, "cab", "APPROVED", "system"),
          wave(400, 100),
          at(500, "health-check", "HEALTHY", "system"));
  private static final ReleaseFacts R6 =
      release(
          "r6 checkout 2.1 RELEASED 100 2026-11-06T12:00:00Z +500",
          at(30, "readiness", "GO_WITH_RISK", "system", "INC3"),
          at(90, "cab", "APPROVED", "system"),
          at(210, "go-no-go", "GO", "alice"),
          wave(300, 100),
          at(400, "health-check", "HEALTHY", "system"));
  private static final ReleaseFacts R7 =
      release(
          "r7 checkout 2.2 RUNNING 0 2026-11-08T12:00:00Z -",
          at(30, "readiness", "GO_WITH_RISK", "system", "INC3"),
          at(90, "cab", "APPROVED", "system"));
  private static final ReleaseFacts R8 =
      release(
          "r8 payments 1.2 ABORTED 0 2026-11-09T10:00:00Z +120",
          at(60, "readiness", "GO", "system"),
          at(120, "abort", "ABORTED", "carol"));
  private static final ReleaseFacts R9 =
      release(
          "r9 payments 1.3 RUNNING 0 2026-11-11T06:00:00Z -",
          at(30, "readiness", "GO_WITH_RISK", "system", "INC1", "INC5"));

  private static final List<ReleaseFacts> ALL = List.of(R1, R2, R3, R4, R5, R6, R7, R8, R9);

  @Test
  void computesEachFigureOverAllServicesFromTheRecords() {
    // when
    KpiReport report = CALCULATOR.report(TEN_DAYS, null, ALL);

    // then
    Map<String, Figure> figures = byKey(report.figures());
    assertRatio(figures.get("readiness-pass-rate-first-time"), 5, 6);
    assertRatio(figures.get("readiness-pass-rate-eventually"), 6, 6);
    assertRatio(figures.get("change-success-rate"), 4, 5);
    assertRatio(figures.get("rollback-rate"), 1, 5);
    assertSeconds(figures.get("lead-time-to-full-rollout"), 400, 4);
    assertRatio(figures.get("post-release-incident-rate"), 3, 4);
    assertThat(figures.get("deployment-frequency").value().doubleValue())
        .isCloseTo(0.4, within(1e-9));
    assertThat(figures.get("deployment-frequency").numerator()).isEqualTo(4);
    assertThat(figures.get("deployment-frequency").denominator()).isEqualTo(10);
    assertSeconds(figures.get("lead-time-for-changes"), 600, 4);
    assertRatio(figures.get("change-failure-rate"), 4, 5);
    assertSeconds(figures.get("time-to-restore"), 600, 1);
    assertThat(figures.get("readiness-pass-rate-first-time").releaseIds())
        .containsExactly("r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8");
    assertThat(figures.get("change-success-rate").releaseIds())
        .containsExactly("r1", "r2", "r3", "r5", "r6");
    assertThat(figures.get("time-to-restore").releaseIds()).containsExactly("r2");
    assertThat(report.figures()).extracting(Figure::key).hasSize(10);
  }

  @Test
  void computesEachFigurePerService() {
    // when
    KpiReport report = CALCULATOR.report(TEN_DAYS, null, ALL);

    // then
    assertThat(report.perService())
        .extracting(KpiReport.ServiceFigures::service)
        .containsExactly("checkout", "payments");
    Map<String, Figure> checkout = byKey(report.perService().get(0).figures());
    assertRatio(checkout.get("readiness-pass-rate-first-time"), 2, 3);
    assertRatio(checkout.get("readiness-pass-rate-eventually"), 3, 3);
    assertRatio(checkout.get("change-success-rate"), 2, 2);
    assertRatio(checkout.get("rollback-rate"), 0, 2);
    assertSeconds(checkout.get("lead-time-to-full-rollout"), 300, 2);
    assertRatio(checkout.get("post-release-incident-rate"), 1, 2);
    assertThat(checkout.get("deployment-frequency").value().doubleValue())
        .isCloseTo(0.2, within(1e-9));
    assertSeconds(checkout.get("lead-time-for-changes"), 500, 2);
    assertRatio(checkout.get("change-failure-rate"), 1, 2);
    assertThat(checkout.get("time-to-restore").value()).isNull();
    Map<String, Figure> payments = byKey(report.perService().get(1).figures());
    assertRatio(payments.get("readiness-pass-rate-first-time"), 3, 3);
    assertRatio(payments.get("readiness-pass-rate-eventually"), 3, 3);
    assertRatio(payments.get("change-success-rate"), 2, 3);
    assertRatio(payments.get("rollback-rate"), 1, 3);
    assertSeconds(payments.get("lead-time-to-full-rollout"), 1000, 2);
    assertRatio(payments.get("post-release-incident-rate"), 2, 2);
    assertThat(payments.get("deployment-frequency").value().doubleValue())
        .isCloseTo(0.2, within(1e-9));
    assertSeconds(payments.get("lead-time-for-changes"), 1200, 2);
    assertRatio(payments.get("change-failure-rate"), 3, 3);
    assertSeconds(payments.get("time-to-restore"), 600, 1);
  }

  @Test
  void decisionLatencyPerGateAndApproverIsTheWaitSinceThePreviousDecision() {
    // when
    KpiReport report = CALCULATOR.report(TEN_DAYS, null, ALL);

    // then
    Map<String, DecisionLatency> rows =
        report.decisionLatency().stream()
            .collect(Collectors.toMap(r -> r.gate() + "/" + r.approver(), Function.identity()));
    assertLatency(rows.get("go-no-go/alice"), 2, 120, 300);
    assertLatency(rows.get("go-no-go/bob"), 1, 600, 600);
    assertLatency(rows.get("go-no-go/null"), 3, 300, 600);
    assertThat(rows.get("go-no-go/alice").releaseIds()).containsExactly("r2", "r6");
    assertLatency(rows.get("readiness/system"), 8, 30, 120);
    assertLatency(rows.get("readiness/null"), 8, 30, 120);
    assertLatency(rows.get("cab/null"), 6, 300, 540);
    assertLatency(rows.get("rollout/null"), 6, 80, 300);
    assertLatency(rows.get("health-check/null"), 6, 100, 200);
    assertThat(rows).doesNotContainKey("abort/carol");
    assertThat(report.decisionLatency())
        .extracting(r -> r.gate() + "/" + r.approver())
        .startsWith("readiness/system", "readiness/null", "cab/system", "cab/null");
  }

  @Test
  void countsEachDayTheReleasesStartedAndHowTheyEnded() {
    // when
    List<KpiReport.Daily> daily = CALCULATOR.report(TEN_DAYS, null, ALL).daily();

    // then
    assertThat(daily).hasSize(10);
    assertThat(daily.get(0)).isEqualTo(day("2026-11-01", 0, 0, 0, 0));
    assertThat(daily.get(1)).isEqualTo(day("2026-11-02", 1, 1, 0, 0));
    assertThat(daily.get(2)).isEqualTo(day("2026-11-03", 1, 0, 0, 1));
    assertThat(daily.get(3)).isEqualTo(day("2026-11-04", 2, 1, 1, 0));
    assertThat(daily.get(7)).isEqualTo(day("2026-11-08", 1, 0, 0, 0));
    assertThat(daily.get(8)).isEqualTo(day("2026-11-09", 1, 0, 1, 0));
    assertThat(daily.get(9)).isEqualTo(day("2026-11-10", 0, 0, 0, 0));
  }

  @Test
  void aPeriodWithoutReleasesHasNoValueAndDividesByNothing() {
    // when
    KpiReport report =
        CALCULATOR.report(
            new KpiReport.Period(LocalDate.parse("2026-10-01"), LocalDate.parse("2026-10-31")),
            null,
            ALL);

    // then
    assertThat(report.figures()).hasSize(10).allSatisfy(f -> assertThat(f.value()).isNull());
    assertThat(report.figures()).allSatisfy(f -> assertThat(f.releaseIds()).isEmpty());
    assertThat(byKey(report.figures()).get("change-success-rate").denominator()).isZero();
    assertThat(report.decisionLatency()).isEmpty();
    assertThat(report.perService()).isEmpty();
    assertThat(report.daily()).hasSize(31).allSatisfy(d -> assertThat(d.started()).isZero());
  }

  @Test
  void aPeriodWithOneReleaseMeasuresThatRelease() {
    // when
    KpiReport report =
        CALCULATOR.report(
            new KpiReport.Period(LocalDate.parse("2026-11-02"), LocalDate.parse("2026-11-02")),
            "payments",
            List.of(R1));

    // then
    Map<String, Figure> figures = byKey(report.figures());
    assertRatio(figures.get("readiness-pass-rate-first-time"), 1, 1);
    assertRatio(figures.get("change-success-rate"), 1, 1);
    assertRatio(figures.get("rollback-rate"), 0, 1);
    assertSeconds(figures.get("lead-time-to-full-rollout"), 1200, 1);
    assertRatio(figures.get("post-release-incident-rate"), 0, 1);
    assertThat(figures.get("deployment-frequency").value().doubleValue()).isEqualTo(1.0);
    assertSeconds(figures.get("lead-time-for-changes"), 1800, 1);
    assertRatio(figures.get("change-failure-rate"), 0, 1);
    assertThat(figures.get("time-to-restore").value()).isNull();
    assertThat(report.service()).isEqualTo("payments");
    assertThat(report.decisionLatency())
        .filteredOn(r -> r.gate().equals("readiness") && r.approver() == null)
        .singleElement()
        .satisfies(r -> assertLatency(r, 1, 60, 60));
  }

  private static void assertRatio(Figure figure, long numerator, long denominator) {
    assertThat(figure.unit()).as(figure.key()).isEqualTo("ratio");
    assertThat(figure.numerator()).as(figure.key()).isEqualTo(numerator);
    assertThat(figure.denominator()).as(figure.key()).isEqualTo(denominator);
    assertThat(figure.value().doubleValue())
        .as(figure.key())
        .isCloseTo((double) numerator / denominator, within(1e-9));
  }

  private static void assertSeconds(Figure figure, long p50, long measured) {
    assertThat(figure.unit()).as(figure.key()).isEqualTo("seconds");
    assertThat(figure.value().longValue()).as(figure.key()).isEqualTo(p50);
    assertThat(figure.denominator()).as(figure.key()).isEqualTo(measured);
  }

  private static void assertLatency(DecisionLatency row, long count, long p50, long p90) {
    assertThat(row).isNotNull();
    assertThat(row.count()).as(row.gate() + "/" + row.approver()).isEqualTo(count);
    assertThat(row.p50Seconds()).as(row.gate() + "/" + row.approver()).isEqualTo(p50);
    assertThat(row.p90Seconds()).as(row.gate() + "/" + row.approver()).isEqualTo(p90);
  }

  private static Map<String, Figure> byKey(List<Figure> figures) {
    return figures.stream().collect(Collectors.toMap(Figure::key, Function.identity()));
  }

  private static KpiReport.Daily day(
      String date, long started, long succeeded, long failed, long rolledBack) {
    return new KpiReport.Daily(LocalDate.parse(date), started, succeeded, failed, rolledBack);
  }

  /**
   * A decision {@code seconds} after the release's start; its time is fixed by {@link #release}.
   */
  private record Step(
      long seconds,
      String gate,
      String decision,
      String actor,
      Integer wave,
      List<String> incidents) {}

  private static Step at(
      long seconds, String gate, String decision, String actor, String... incidents) {
    return new Step(seconds, gate, decision, actor, null, Arrays.asList(incidents));
  }

  private static Step wave(long seconds, int percent) {
    return new Step(seconds, "rollout", "SERVED", "system", percent, List.of());
  }

  /**
   * A release from a row of the table above, {@code "r1 payments 1.0 RELEASED 100
   * 2026-11-02T10:00:00Z +1800"}: id, service, version, state, wave, start and the seconds after it
   * that it ended ({@code -} while it runs), with the decisions it took.
   */
  private static ReleaseFacts release(String row, Step... steps) {
    String[] cells = row.split(" ");
    String id = cells[0];
    String service = cells[1];
    String version = cells[2];
    String state = cells[3];
    int wave = Integer.parseInt(cells[4]);
    String started = cells[5];
    Integer endedAfterSeconds =
        cells[6].equals("-") ? null : Integer.valueOf(cells[6].substring(1));
    Instant start = Instant.parse(started);
    List<Decided> decisions = new ArrayList<>();
    for (Step step : steps) {
      decisions.add(
          new Decided(
              step.gate(),
              step.decision(),
              step.actor(),
              start.plusSeconds(step.seconds()),
              step.incidents(),
              step.wave()));
    }
    return new ReleaseFacts(
        id,
        service,
        version,
        state,
        wave,
        start,
        endedAfterSeconds == null ? null : start.plusSeconds(endedAfterSeconds),
        decisions);
  }
}
