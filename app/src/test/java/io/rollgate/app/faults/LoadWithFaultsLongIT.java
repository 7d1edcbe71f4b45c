package io.rollgate.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rollgate.app.support.OutsideWorld;
import io.rollgate.sandbox.Faults;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A hundred releases at once while ServiceNow, LaunchDarkly and GitHub each answer every request
 * 200 ms late and fail one in ten with 503: every release reaches an outcome, or stands at an
 * incident or a person's task that says why; none is left waiting silently. Long: run with {@code
 * -Pfaults}.
 */
class LoadWithFaultsLongIT {

  private static final int RELEASES = Integer.getInteger("rollgate.faults.releases", 100);
  private static final Duration DEADLINE = Duration.ofMinutes(25);
  private static final Faults.Spec FLAKY =
      new Faults.Spec(200L, null, null, null, null, new Faults.FailRate(0.1, 503));

  /** Where one release stands. */
  private record Standing(String id, String state, String why) {}

  @Test
  void everyReleaseReachesAnOutcomeOrSaysWhyItWaits() throws Exception {
    try (OutsideWorld world = OutsideWorld.start();
        ServiceUnderFaults rollgate = ServiceUnderFaults.start(world, Map.of())) {
      // given
      world.sandbox().servicenow().server().faults().set(FLAKY);
      world.sandbox().launchdarkly().faults().set(FLAKY);
      world.sandbox().ci().github().server().faults().set(FLAKY);
      Instant started = Instant.now();

      // when
      List<String> ids = new ArrayList<>();
      for (int n = 0; n < RELEASES; n++) {
        Map<String, Object> request = world.releaseRequest("load-" + n, "3.0." + n);
        request.put("flagKey", world.createFlag("load-" + n + "-flag"));
        ids.add(rollgate.startRelease(request));
      }
      List<Standing> standings = awaitSettled(rollgate, ids);
      Duration took = Duration.between(started, Instant.now());

      // then
      Map<String, Integer> byState = new TreeMap<>();
      standings.forEach(s -> byState.merge(s.state(), 1, Integer::sum));
      List<Standing> silent = standings.stream().filter(s -> s.why() == null).toList();
      System.out.printf(
          "load with faults: %d releases, 10%% 5xx and 200 ms on ServiceNow, LaunchDarkly and"
              + " GitHub: %s in %d s; ServiceNow %d requests, LaunchDarkly %d, GitHub %d;"
              + " waiting without a reason: %d%n",
          RELEASES,
          byState,
          took.toSeconds(),
          world.sandbox().servicenow().server().requests().entries().size(),
          world.sandbox().launchdarkly().requests().entries().size(),
          world.sandbox().ci().github().server().requests().entries().size(),
          silent.size());
      standings.stream()
          .filter(s -> !s.state().equals("RELEASED"))
          .forEach(s -> System.out.println("  " + s));
      assertThat(standings).hasSize(RELEASES);
      assertThat(silent).as("releases waiting with no incident nor task").isEmpty();
      assertThat(rollgate.decisionLogIntact()).isTrue();
    }
  }

  /** Polls until every release ended or waits at an incident or a task, or the deadline passes. */
  private static List<Standing> awaitSettled(ServiceUnderFaults rollgate, List<String> ids)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(DEADLINE);
    Map<String, Standing> standings = new LinkedHashMap<>();
    while (true) {
      for (String id : ids) {
        standings.put(id, standing(rollgate, id));
      }
      boolean settled =
          standings.values().stream()
              .allMatch(s -> !s.state().equals("RUNNING") || s.why() != null);
      if (settled || Instant.now().isAfter(deadline)) {
        return new ArrayList<>(standings.values());
      }
      Thread.sleep(5_000);
    }
  }

  private static Standing standing(ServiceUnderFaults rollgate, String id) {
    JsonNode record = rollgate.release(id);
    String state = record.path("state").asText();
    if (!record.path("endedAt").isNull() && !record.path("endedAt").isMissingNode()) {
      return new Standing(id, state, record.path("outcome").asText());
    }
    long instance = record.path("processInstanceKey").asLong();
    List<EngineOperator.Incident> incidents = rollgate.engine().incidents(instance);
    if (!incidents.isEmpty()) {
      return new Standing(id, state, "incident: " + incidents.get(0).message());
    }
    List<String> tasks = rollgate.engine().openUserTasks(instance);
    return new Standing(id, state, tasks.isEmpty() ? null : "task: " + tasks);
  }
}
