package io.rollgate.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rollgate.app.support.OutsideWorld;
import io.rollgate.sandbox.servicenow.ServiceNowSimulator;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The service is killed with SIGKILL at chosen points of a release and started again on the same
 * data directory: every release still ends as it would have, with one change in ServiceNow, each
 * wave patched once in LaunchDarkly, each decision recorded once, and the decision log's chain
 * intact. {@code -Drollgate.faults.kills=N} sets the number of kills (3 by default, 21 with {@code
 * -Pfaults}), spread over the points in turn.
 *
 * <p>The counts, expected against found, go to {@code target/fault-reports/kill-during-release.txt}
 * after every killed release and to the test log at the end ({@link KillReport}); the assertions
 * are made on them.
 */
class KillDuringReleaseIT {

  private static final int KILLS = Integer.getInteger("rollgate.faults.kills", 3);
  private static final Duration TO_THE_END = Duration.ofMinutes(3);
  private static final Duration REACH = Duration.ofMinutes(2);
  private static final Path REPORT = Path.of("target", "fault-reports");

  /** Where the service dies. */
  enum KillPoint {
    /** ServiceNow holds the change, Rollgate has not recorded its number yet. */
    CHANGE_CREATED_NOT_RECORDED,
    /** A wave's flag change is made; the wave is not recorded, or its bake time runs. */
    MID_WAVE,
    /** A health check failed; the flag is going back to 0% or the change is being closed. */
    MID_ROLLBACK
  }

  /** What one release should leave behind. */
  record Expected(String state, String closeCode, int servedPercent, List<String> gates) {}

  private static final Expected RELEASED =
      new Expected(
          "RELEASED",
          "successful",
          100,
          List.of("readiness", "cab", "rollout", "health-check", "rollout", "health-check"));

  private static final Expected ROLLED_BACK =
      new Expected(
          "ROLLED_BACK",
          "unsuccessful",
          0,
          List.of("readiness", "cab", "rollout", "health-check", "follow-up"));

  /** Per flag: the 50% wave, targeting on, then the 100% wave or the rollback to 0%. */
  private static final int PATCHES_PER_RELEASE = 3;

  @Test
  void everyReleaseEndsAsItWouldHaveWhenTheServiceIsKilledMidRelease() throws Exception {
    KillReport report = new KillReport(REPORT.resolve("kill-during-release.txt"), KILLS);
    try (OutsideWorld world = OutsideWorld.start();
        ServiceUnderFaults rollgate = ServiceUnderFaults.start(world, Map.of())) {
      RolloutFlags flags = new RolloutFlags(world);
      try {
        for (int kill = 0; kill < KILLS; kill++) {
          // given
          KillPoint point = KillPoint.values()[kill % KillPoint.values().length];
          boolean later = (kill / KillPoint.values().length) % 2 == 1;
          String service = "kill-" + kill;
          String flag = world.createFlag(service + "-flag");
          Map<String, Object> request = world.releaseRequest(service, "1.0." + kill);
          request.put("flagKey", flag);
          if (point == KillPoint.CHANGE_CREATED_NOT_RECORDED) {
            // the change exists at once; Rollgate hears of it only a minute later
            world.sandbox().servicenow().slowCreates(Duration.ofSeconds(60), 1);
          }
          String id = rollgate.startRelease(request);
          report.releaseStarted();

          // when
          reach(point, later, id, service, flag, world, rollgate, flags);
          boolean endedBeforeKill = ended(rollgate, id);
          rollgate.killAndRestart();
          report.killed();
          JsonNode record = rollgate.awaitEnd(id, TO_THE_END);

          // then
          Expected expected = point == KillPoint.MID_ROLLBACK ? ROLLED_BACK : RELEASED;
          report.add(
              found(point, id, endedBeforeKill, expected, record, world, flags, flag, rollgate));
        }
      } catch (Exception | AssertionError e) {
        report.stoppedBy(e);
        throw e;
      } finally {
        report.write();
        System.out.println(report.summary());
        System.out.println("kill test: report in " + report.file().toAbsolutePath());
      }
    }

    assertThat(report.kills()).as("kills").isEqualTo(KILLS);
    assertThat(report.killedMidRelease()).as("kills that hit a running release").isEqualTo(KILLS);
    assertThat(report.releasesEnded()).as("releases ended").isEqualTo(report.releasesStarted());
    assertThat(report.outcomes()).as("outcomes").isEqualTo(report.expectedOutcomes());
    assertThat(report.mismatches()).as("releases that did not end as they would have").isEmpty();
    assertThat(report.changesFound()).as("ServiceNow changes").isEqualTo(KILLS);
    assertThat(report.patchesFound())
        .as("accepted flag patches")
        .isEqualTo(report.patchesExpected());
    assertThat(report.decisionsFound()).as("decisions").isEqualTo(report.decisionsExpected());
    assertThat(report.chainIntactThroughout()).as("decision log chain after every kill").isTrue();
  }

  /** Returns once the release stands at the kill point. */
  private static void reach(
      KillPoint point,
      boolean later,
      String id,
      String service,
      String flag,
      OutsideWorld world,
      ServiceUnderFaults rollgate,
      RolloutFlags flags)
      throws InterruptedException {
    ServiceNowSimulator servicenow = world.sandbox().servicenow();
    switch (point) {
      case CHANGE_CREATED_NOT_RECORDED ->
          Await.until(
              "the change in ServiceNow",
              REACH,
              () -> servicenow.changesWithCorrelationId(id) == 1);
      case MID_WAVE ->
          // the first wave's patch, or the second wave's
          Await.until("a wave's flag change", REACH, () -> flags.version(flag) >= (later ? 4 : 2));
      case MID_ROLLBACK -> {
        Await.until("the first wave's flag change", REACH, () -> flags.version(flag) >= 2);
        world.openIncident(service, "1");
        if (later) {
          // the flag is back at 0%; the change is not closed yet
          Await.until("the rollback's flag change", REACH, () -> flags.version(flag) >= 4);
        } else {
          Await.until("the failed health check", REACH, () -> failedHealthCheck(rollgate, id));
        }
      }
    }
  }

  private static boolean failedHealthCheck(ServiceUnderFaults rollgate, String id) {
    return rollgate
        .pipeline()
        .get("/api/v1/releases/" + id + "/decisions")
        .ok()
        .findValuesAsText("decision")
        .contains("UNHEALTHY");
  }

  private static boolean ended(ServiceUnderFaults rollgate, String id) {
    JsonNode record = rollgate.release(id);
    return !record.path("endedAt").isNull() && !record.path("endedAt").isMissingNode();
  }

  /** What one killed release left behind, beside what it should have. */
  private static KillReport.Release found(
      KillPoint point,
      String id,
      boolean endedBeforeKill,
      Expected expected,
      JsonNode record,
      OutsideWorld world,
      RolloutFlags flags,
      String flag,
      ServiceUnderFaults rollgate)
      throws IOException, InterruptedException {
    ServiceNowSimulator servicenow = world.sandbox().servicenow();
    String number = record.path("changeNumber").asText();
    String closeCode =
        servicenow
            .change(number)
            .map(c -> c.path("close_code").path("value").asText())
            .orElse("(no change " + number + ")");
    return new KillReport.Release(
        point.name(),
        id,
        !endedBeforeKill,
        expected.state(),
        record.path("state").asText(),
        number,
        expected.closeCode(),
        closeCode,
        servicenow.changesWithCorrelationId(id),
        PATCHES_PER_RELEASE,
        flags.acceptedPatches(flag),
        expected.servedPercent(),
        flags.servedPercent(flag),
        expected.gates(),
        rollgate.decidedGates(id),
        rollgate.decisionLogIntact());
  }
}
