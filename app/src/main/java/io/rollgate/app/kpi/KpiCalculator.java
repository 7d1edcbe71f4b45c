package io.rollgate.app.kpi;

import io.rollgate.app.kpi.KpiReport.DecisionLatency;
import io.rollgate.app.kpi.KpiReport.Figure;
import io.rollgate.app.kpi.ReleaseFacts.Decided;
import io.rollgate.processes.Lifecycle.EndStates;
import io.rollgate.processes.Lifecycle.Gates;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The delivery KPIs of the releases started in a period, from their records and decision log
 * entries alone; README "KPIs" says what each figure counts. Pure: the same facts give the same
 * figures.
 */
final class KpiCalculator {

  static final String READINESS_FIRST_TIME = "readiness-pass-rate-first-time";
  static final String READINESS_EVENTUALLY = "readiness-pass-rate-eventually";
  static final String CHANGE_SUCCESS_RATE = "change-success-rate";
  static final String ROLLBACK_RATE = "rollback-rate";
  static final String LEAD_TIME_TO_FULL_ROLLOUT = "lead-time-to-full-rollout";
  static final String POST_RELEASE_INCIDENT_RATE = "post-release-incident-rate";
  static final String DEPLOYMENT_FREQUENCY = "deployment-frequency";
  static final String LEAD_TIME_FOR_CHANGES = "lead-time-for-changes";
  static final String CHANGE_FAILURE_RATE = "change-failure-rate";
  static final String TIME_TO_RESTORE = "time-to-restore";

  private static final Set<String> READINESS_PASSED = Set.of("GO", "GO_WITH_RISK");

  private final Duration incidentWindow;

  /**
   * @param incidentWindow how long after its full rollout an incident counts against a release
   */
  KpiCalculator(Duration incidentWindow) {
    this.incidentWindow = incidentWindow;
  }

  /**
   * @param facts the releases started in the period, and those of the same services started up to
   *     the incident window after it (they only witness incidents)
   * @param service the service asked for, or null; {@code facts} hold only its releases then
   */
  KpiReport report(KpiReport.Period period, String service, List<ReleaseFacts> facts) {
    Instant from = period.from().atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant to = period.to().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    List<ReleaseFacts> inPeriod =
        facts.stream()
            .filter(f -> !f.startedAt().isBefore(from) && f.startedAt().isBefore(to))
            .sorted(Comparator.comparing(ReleaseFacts::startedAt).thenComparing(ReleaseFacts::id))
            .toList();
    long days = ChronoUnit.DAYS.between(period.from(), period.to()) + 1;
    List<KpiReport.ServiceFigures> perService = new ArrayList<>();
    new TreeMap<>(group(inPeriod, ReleaseFacts::service))
        .forEach(
            (name, releases) ->
                perService.add(new KpiReport.ServiceFigures(name, figures(releases, facts, days))));
    return new KpiReport(
        period,
        service,
        figures(inPeriod, facts, days),
        decisionLatency(inPeriod),
        perService,
        daily(period, inPeriod));
  }

  private List<Figure> figures(List<ReleaseFacts> releases, List<ReleaseFacts> all, long days) {
    List<ReleaseFacts> inProduction =
        releases.stream().filter(r -> r.endedAt() != null && r.wavePercent() > 0).toList();
    List<ReleaseFacts> fullyRolledOut =
        releases.stream().filter(r -> fullRollout(r).isPresent()).toList();
    Predicate<ReleaseFacts> followedByIncident = r -> followedByIncident(r, all);
    List<ReleaseFacts> released = withState(releases, EndStates.RELEASED);
    List<ReleaseFacts> restored =
        withState(releases, EndStates.ROLLED_BACK).stream()
            .filter(r -> firstUnhealthy(r).isPresent())
            .toList();
    List<List<ReleaseFacts>> changes = changes(releases);
    return List.of(
        ratio(
            READINESS_FIRST_TIME,
            "Readiness pass rate (first time)",
            changes,
            attempts -> passedReadiness(attempts.get(0))),
        ratio(
            READINESS_EVENTUALLY,
            "Readiness pass rate (eventually)",
            changes,
            attempts -> attempts.stream().anyMatch(KpiCalculator::passedReadiness)),
        ratio(
            CHANGE_SUCCESS_RATE,
            "Change success rate",
            singletons(inProduction),
            r -> EndStates.RELEASED.equals(r.get(0).state())),
        ratio(
            ROLLBACK_RATE,
            "Rollback rate",
            singletons(inProduction),
            r -> EndStates.ROLLED_BACK.equals(r.get(0).state())),
        median(
            LEAD_TIME_TO_FULL_ROLLOUT,
            "Lead time to full rollout (p50)",
            fullyRolledOut,
            r -> Duration.between(r.startedAt(), fullRollout(r).orElseThrow())),
        ratio(
            POST_RELEASE_INCIDENT_RATE,
            "Post-release incident rate",
            singletons(fullyRolledOut),
            r -> followedByIncident.test(r.get(0))),
        new Figure(
            DEPLOYMENT_FREQUENCY,
            "Deployment frequency",
            "per-day",
            releases.isEmpty() ? null : (double) released.size() / days,
            (long) released.size(),
            days,
            ids(released)),
        median(
            LEAD_TIME_FOR_CHANGES,
            "Lead time for changes (p50)",
            released,
            r -> Duration.between(r.startedAt(), r.endedAt())),
        ratio(
            CHANGE_FAILURE_RATE,
            "Change failure rate",
            singletons(inProduction),
            r ->
                EndStates.ROLLED_BACK.equals(r.get(0).state())
                    || followedByIncident.test(r.get(0))),
        median(
            TIME_TO_RESTORE,
            "Time to restore (p50)",
            restored,
            r -> Duration.between(firstUnhealthy(r).orElseThrow(), r.endedAt())));
  }

  /** A change is a service's version; its releases in the period are its attempts, in order. */
  private static List<List<ReleaseFacts>> changes(List<ReleaseFacts> releases) {
    return group(
            releases.stream().filter(r -> readiness(r).isPresent()).toList(),
            r -> r.service() + "\u0000" + r.version())
        .values()
        .stream()
        .toList();
  }

  private static boolean passedReadiness(ReleaseFacts release) {
    return readiness(release).map(d -> READINESS_PASSED.contains(d.decision())).orElse(false);
  }

  private static Optional<Decided> readiness(ReleaseFacts release) {
    return release.decisions().stream().filter(d -> Gates.READINESS.equals(d.gate())).findFirst();
  }

  /** When the rollout served 100 %. */
  private static Optional<Instant> fullRollout(ReleaseFacts release) {
    return release.decisions().stream()
        .filter(d -> Gates.ROLLOUT.equals(d.gate()) && Integer.valueOf(100).equals(d.wave()))
        .map(Decided::decidedAt)
        .findFirst();
  }

  /** When a health check first found the release unhealthy. */
  private static Optional<Instant> firstUnhealthy(ReleaseFacts release) {
    return release.decisions().stream()
        .filter(d -> Gates.HEALTH_CHECK.equals(d.gate()) && "UNHEALTHY".equals(d.decision()))
        .map(Decided::decidedAt)
        .findFirst();
  }

  /**
   * An incident on the release's service first seen within the window after its full rollout: named
   * by a decision of that service in the window, and by none of the release's own decisions nor by
   * any of the service's decisions up to the full rollout.
   */
  private boolean followedByIncident(ReleaseFacts release, List<ReleaseFacts> all) {
    Optional<Instant> full = fullRollout(release);
    if (full.isEmpty()) {
      return false;
    }
    Instant windowEnd = full.get().plus(incidentWindow);
    Set<String> known = new HashSet<>();
    release.decisions().forEach(d -> known.addAll(d.incidents()));
    List<Decided> ofService =
        all.stream()
            .filter(r -> r.service().equals(release.service()))
            .flatMap(r -> r.decisions().stream())
            .toList();
    ofService.stream()
        .filter(d -> !d.decidedAt().isAfter(full.get()))
        .forEach(d -> known.addAll(d.incidents()));
    return ofService.stream()
        .filter(d -> d.decidedAt().isAfter(full.get()) && !d.decidedAt().isAfter(windowEnd))
        .flatMap(d -> d.incidents().stream())
        .anyMatch(incident -> !known.contains(incident));
  }

  private static Figure ratio(
      String key,
      String label,
      List<List<ReleaseFacts>> units,
      Predicate<List<ReleaseFacts>> counted) {
    long numerator = units.stream().filter(counted).count();
    long denominator = units.size();
    return new Figure(
        key,
        label,
        "ratio",
        denominator == 0 ? null : (double) numerator / denominator,
        numerator,
        denominator,
        ids(units.stream().flatMap(List::stream).toList()));
  }

  private static Figure median(
      String key, String label, List<ReleaseFacts> releases, Function<ReleaseFacts, Duration> of) {
    List<Long> seconds = releases.stream().map(r -> of.apply(r).toSeconds()).toList();
    return new Figure(
        key,
        label,
        "seconds",
        seconds.isEmpty() ? null : percentile(seconds, 50),
        null,
        (long) seconds.size(),
        ids(releases));
  }

  /** Nearest rank: the smallest value with at least {@code p} % of the values at or below it. */
  static long percentile(List<Long> values, int p) {
    List<Long> sorted = values.stream().sorted().toList();
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(rank, 1) - 1);
  }

  private static List<DecisionLatency> decisionLatency(List<ReleaseFacts> releases) {
    record Sample(String gate, String approver, long seconds, String releaseId) {}
    List<Sample> samples = new ArrayList<>();
    for (ReleaseFacts release : releases) {
      Instant opened = release.startedAt();
      for (Decided d : release.decisions()) {
        if (Gates.ALL.contains(d.gate())) {
          samples.add(
              new Sample(
                  d.gate(),
                  d.actor(),
                  Duration.between(opened, d.decidedAt()).toSeconds(),
                  release.id()));
        }
        opened = d.decidedAt();
      }
    }
    List<DecisionLatency> rows = new ArrayList<>();
    for (String gate : Gates.ALL) {
      List<Sample> ofGate = samples.stream().filter(s -> s.gate().equals(gate)).toList();
      if (ofGate.isEmpty()) {
        continue;
      }
      Map<String, List<Sample>> byApprover = new TreeMap<>();
      ofGate.forEach(s -> byApprover.computeIfAbsent(s.approver(), a -> new ArrayList<>()).add(s));
      Map<String, List<Sample>> rowsOfGate = new LinkedHashMap<>(byApprover);
      rowsOfGate.put(null, ofGate);
      rowsOfGate.forEach(
          (approver, list) -> {
            List<Long> seconds = list.stream().map(Sample::seconds).toList();
            rows.add(
                new DecisionLatency(
                    gate,
                    approver,
                    list.size(),
                    percentile(seconds, 50),
                    percentile(seconds, 90),
                    list.stream().map(Sample::releaseId).distinct().toList()));
          });
    }
    return rows;
  }

  private static List<KpiReport.Daily> daily(KpiReport.Period period, List<ReleaseFacts> releases) {
    List<KpiReport.Daily> days = new ArrayList<>();
    for (LocalDate day = period.from(); !day.isAfter(period.to()); day = day.plusDays(1)) {
      LocalDate date = day;
      List<ReleaseFacts> endedThatDay =
          releases.stream()
              .filter(r -> r.endedAt() != null && utcDate(r.endedAt()).equals(date))
              .toList();
      long rolledBack = withState(endedThatDay, EndStates.ROLLED_BACK).size();
      long succeeded = withState(endedThatDay, EndStates.RELEASED).size();
      days.add(
          new KpiReport.Daily(
              date,
              releases.stream().filter(r -> utcDate(r.startedAt()).equals(date)).count(),
              succeeded,
              endedThatDay.size() - succeeded - rolledBack,
              rolledBack));
    }
    return days;
  }

  private static LocalDate utcDate(Instant instant) {
    return LocalDate.ofInstant(instant, ZoneOffset.UTC);
  }

  private static List<ReleaseFacts> withState(List<ReleaseFacts> releases, String state) {
    return releases.stream().filter(r -> state.equals(r.state())).toList();
  }

  private static List<List<ReleaseFacts>> singletons(List<ReleaseFacts> releases) {
    return releases.stream().map(List::of).toList();
  }

  private static <K> Map<K, List<ReleaseFacts>> group(
      List<ReleaseFacts> releases, Function<ReleaseFacts, K> key) {
    Map<K, List<ReleaseFacts>> groups = new LinkedHashMap<>();
    releases.forEach(r -> groups.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r));
    return groups;
  }

  private static List<String> ids(List<ReleaseFacts> releases) {
    return releases.stream().map(ReleaseFacts::id).toList();
  }
}
