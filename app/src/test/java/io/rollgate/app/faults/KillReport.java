package io.rollgate.app.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the kill test found, expected against found: kills, releases started and ended by outcome,
 * ServiceNow changes, accepted flag patches, decisions, and the decision log's chain after each
 * kill.
 *
 * <p>The test JVM writes it itself, to a file under {@code target/}, after every release it
 * checked: the test's standard output reaches the log only through Maven, so a run whose Maven
 * process ended first (a long {@code -Pfaults} run stopped from outside) kept nothing of its
 * counts. Written this way, a run cut short still shows what it counted up to then.
 */
final class KillReport {

  /** One killed release: what the test expected and what it found. */
  record Release(
      String point,
      String id,
      boolean killedMidRelease,
      String expectedState,
      String state,
      String change,
      String expectedCloseCode,
      String closeCode,
      long changes,
      long expectedPatches,
      long patches,
      int expectedServedPercent,
      int servedPercent,
      List<String> expectedGates,
      List<String> gates,
      boolean chainIntact) {

    boolean asExpected() {
      return state.equals(expectedState)
          && changes == 1
          && closeCode.equals(expectedCloseCode)
          && patches == expectedPatches
          && servedPercent == expectedServedPercent
          && gates.equals(expectedGates)
          && chainIntact;
    }

    String line() {
      return String.format(
          "%-28s %s %s state=%s/%s change=%s close=%s/%s changes=%d/1 patches=%d/%d"
              + " served=%d%%/%d%% decisions=%s/%s chain=%s",
          point,
          id,
          killedMidRelease ? "killed-mid-release" : "ended-before-kill",
          state,
          expectedState,
          change,
          closeCode,
          expectedCloseCode,
          changes,
          patches,
          expectedPatches,
          servedPercent,
          expectedServedPercent,
          gates,
          expectedGates,
          chainIntact ? "intact" : "BROKEN");
    }
  }

  private final Path file;
  private final int plannedKills;
  private final Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private final List<Release> releases = new ArrayList<>();
  private int releasesStarted;
  private int kills;
  private String stoppedBy;

  KillReport(Path file, int plannedKills) {
    this.file = file;
    this.plannedKills = plannedKills;
  }

  Path file() {
    return file;
  }

  void releaseStarted() {
    releasesStarted++;
  }

  void killed() {
    kills++;
  }

  /** Adds a checked release, writes the report and prints the release's line. */
  void add(Release release) {
    releases.add(release);
    System.out.println("kill test: " + release.line());
    write();
  }

  /** The run ended early with {@code failure}; the report says so. */
  void stoppedBy(Throwable failure) {
    stoppedBy = String.valueOf(failure.getMessage()).lines().findFirst().orElse("");
  }

  int kills() {
    return kills;
  }

  int releasesStarted() {
    return releasesStarted;
  }

  /** Releases that ended after their kill and were checked. */
  int releasesEnded() {
    return releases.size();
  }

  int killedMidRelease() {
    return (int) releases.stream().filter(Release::killedMidRelease).count();
  }

  /** Ended releases per state, and per expected state. */
  Map<String, Integer> outcomes() {
    return count(releases.stream().map(Release::state).toList());
  }

  Map<String, Integer> expectedOutcomes() {
    return count(releases.stream().map(Release::expectedState).toList());
  }

  long changesExpected() {
    return releases.size();
  }

  long changesFound() {
    return releases.stream().mapToLong(Release::changes).sum();
  }

  long patchesExpected() {
    return releases.stream().mapToLong(Release::expectedPatches).sum();
  }

  long patchesFound() {
    return releases.stream().mapToLong(Release::patches).sum();
  }

  long decisionsExpected() {
    return releases.stream().mapToLong(r -> r.expectedGates().size()).sum();
  }

  long decisionsFound() {
    return releases.stream().mapToLong(r -> r.gates().size()).sum();
  }

  /** Whether the decision log's chain verified after every kill. */
  boolean chainIntactThroughout() {
    return !releases.isEmpty() && releases.stream().allMatch(Release::chainIntact);
  }

  List<String> mismatches() {
    return releases.stream().filter(r -> !r.asExpected()).map(Release::line).toList();
  }

  /** The counts in one line, as the test log shows them. */
  String summary() {
    return String.format(
        "kill test: kills %d of %d (%d mid-release); releases started %d, ended %d %s (expected"
            + " %s); ServiceNow changes %d expected, %d found; flag patches %d expected, %d found;"
            + " decisions %d expected, %d found; decision log chain %s; releases not as expected"
            + " %d%s",
        kills,
        plannedKills,
        killedMidRelease(),
        releasesStarted,
        releasesEnded(),
        outcomes(),
        expectedOutcomes(),
        changesExpected(),
        changesFound(),
        patchesExpected(),
        patchesFound(),
        decisionsExpected(),
        decisionsFound(),
        chainIntactThroughout() ? "intact after every kill" : "NOT intact after every kill",
        mismatches().size(),
        stoppedBy == null ? "" : "; stopped early: " + stoppedBy);
  }

  /** Writes the whole report afresh, replacing the file at once so it is never half written. */
  void write() {
    StringBuilder text = new StringBuilder();
    text.append("# KillDuringReleaseIT, started ").append(started).append('\n');
    text.append(
            kills == plannedKills && stoppedBy == null ? "complete" : "in progress or cut short")
        .append(" at ")
        .append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
        .append("\n\n");
    text.append(summary()).append("\n\n");
    releases.forEach(r -> text.append(r.line()).append('\n'));
    try {
      Files.createDirectories(file.getParent());
      Path next = file.resolveSibling(file.getFileName() + ".next");
      Files.writeString(next, text, StandardCharsets.UTF_8);
      Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the kill test's report " + file, e);
    }
  }

  private static Map<String, Integer> count(List<String> values) {
    Map<String, Integer> counts = new TreeMap<>();
    values.forEach(v -> counts.merge(v, 1, Integer::sum));
    return counts;
  }
}
