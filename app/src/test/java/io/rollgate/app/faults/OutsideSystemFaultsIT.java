package io.rollgate.app.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rollgate.app.support.GateApi;
import io.rollgate.app.support.OutsideWorld;
import io.rollgate.sandbox.Faults;
import io.rollgate.sandbox.RequestLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ServiceNow, LaunchDarkly and GitHub failing under a running release, through the simulators'
 * fault knobs: an outage longer than the retry budget stops the release at an incident that says
 * why, and a release manager retries the step through the gate API once the system is back, a
 * decision the decision log keeps with who and why; a 429 storm is waited out as {@code
 * Retry-After} asks; nothing is decided blindly meanwhile.
 */
class OutsideSystemFaultsIT {

  private static final Duration TO_THE_END = Duration.ofMinutes(2);
  private static final Duration TO_AN_INCIDENT = Duration.ofMinutes(2);
  private static final AtomicInteger RELEASES = new AtomicInteger();

  /** Every request answered 503, with no word of when it ends. */
  private static final Faults.Spec DOWN =
      new Faults.Spec(null, null, new Faults.FailNext(Integer.MAX_VALUE, 503, null), null, null);

  private static OutsideWorld world;
  private static ServiceUnderFaults rollgate;
  private static RolloutFlags flags;
  private static String manager;

  @BeforeAll
  static void startService() throws Exception {
    world = OutsideWorld.start();
    rollgate = ServiceUnderFaults.start(world, Map.of());
    flags = new RolloutFlags(world);
    manager = rollgate.admin().createToken("faults-manager", "release-manager");
  }

  @AfterAll
  static void stopService() throws Exception {
    rollgate.close();
    world.close();
  }

  @AfterEach
  void outsideSystemsRecover() {
    world.sandbox().servicenow().server().faults().clear();
    world.sandbox().launchdarkly().faults().clear();
    world.sandbox().ci().github().server().faults().clear();
  }

  @Test
  void serviceNowDownLongerThanTheRetryBudgetStopsAtAnIncidentAndTheReleaseGoesOnOnceRetried()
      throws Exception {
    // given: ServiceNow answers 503 to everything, without saying for how long
    world.sandbox().servicenow().server().faults().set(DOWN);
    String id = rollgate.startRelease(request());
    long instance = rollgate.release(id).path("processInstanceKey").asLong();

    // when
    EngineOperator.Incident incident = rollgate.engine().awaitIncident(instance, TO_AN_INCIDENT);

    // then: the incident says which system failed and how; nothing was decided past readiness
    assertThat(incident.type()).isEqualTo("JOB_NO_RETRIES");
    assertThat(incident.message()).containsIgnoringCase("servicenow").contains("503");
    assertThat(rollgate.decidedGates(id)).isEmpty();
    assertThat(rollgate.release(id).path("state").asText()).isEqualTo("RUNNING");
    assertThat(world.sandbox().servicenow().changesWithCorrelationId(id)).isZero();

    // when: ServiceNow is back and a release manager retries the step
    world.sandbox().servicenow().server().faults().clear();
    GateApi.Answer retried = retry(id, "ServiceNow is answering again (status page: resolved)");

    // then: the retry is recorded with who and why, and the release goes on
    assertThat(retried.status()).isEqualTo(202);
    assertRetryRecorded(
        id, incident, "faults-manager", "ServiceNow is answering again (status page: resolved)");
    JsonNode ended = rollgate.awaitEnd(id, TO_THE_END);
    assertThat(ended.path("state").asText()).isEqualTo("RELEASED");
    assertThat(world.sandbox().servicenow().changesWithCorrelationId(id)).isEqualTo(1);
    assertThat(rollgate.decisionLogIntact()).isTrue();
  }

  @Test
  void aStormOf429sIsWaitedOutAsRetryAfterAsks() throws Exception {
    // given: the next four ServiceNow requests get 429 with Retry-After: 2
    world.sandbox().servicenow().server().requests().clear();
    world
        .sandbox()
        .servicenow()
        .server()
        .faults()
        .set(new Faults.Spec(null, null, new Faults.FailNext(4, 429, 2), null, null));

    // when
    String id = rollgate.startRelease(request());
    JsonNode ended = rollgate.awaitEnd(id, TO_THE_END);

    // then: four 429s, and after each one ServiceNow heard nothing for the two seconds it asked
    List<RequestLog.Entry> requests = world.sandbox().servicenow().server().requests().entries();
    assertThat(ended.path("state").asText()).isEqualTo("RELEASED");
    assertThat(requests.stream().filter(r -> r.status() == 429)).hasSize(4);
    for (int i = 0; i < requests.size() - 1; i++) {
      if (requests.get(i).status() == 429) {
        Duration quiet = Duration.between(requests.get(i).at(), requests.get(i + 1).at());
        assertThat(quiet)
            .as("quiet after the 429 at %s", requests.get(i).at())
            .isGreaterThanOrEqualTo(Duration.ofMillis(1900));
      }
    }
  }

  @Test
  void aRetryAfterOfTenMinutesIsWaitedOnlyAsLongAsConfiguredAndEndsInAnIncidentThatNamesIt()
      throws Exception {
    // given: ServiceNow answers every request 429 and asks for ten minutes' quiet
    world.sandbox().servicenow().server().requests().clear();
    world
        .sandbox()
        .servicenow()
        .server()
        .faults()
        .set(
            new Faults.Spec(
                null, null, new Faults.FailNext(Integer.MAX_VALUE, 429, 600), null, null));
    String id = rollgate.startRelease(request());
    long instance = rollgate.release(id).path("processInstanceKey").asLong();

    // when
    EngineOperator.Incident incident = rollgate.engine().awaitIncident(instance, TO_AN_INCIDENT);

    // then: an incident says who asked for how long, after waits of max-retry-after each
    assertThat(incident.type()).isEqualTo("JOB_NO_RETRIES");
    assertThat(incident.message())
        .startsWith("servicenow: ")
        .contains("429")
        .contains("asked to wait 600 s before calling again (Retry-After)")
        .contains("max-retry-after");
    List<RequestLog.Entry> requests = world.sandbox().servicenow().server().requests().entries();
    assertThat(requests).as("attempts before the incident").hasSizeGreaterThanOrEqualTo(2);
    for (int i = 0; i < requests.size() - 1; i++) {
      Duration quiet = Duration.between(requests.get(i).at(), requests.get(i + 1).at());
      assertThat(quiet)
          .as("quiet after the 429 at %s", requests.get(i).at())
          .isGreaterThanOrEqualTo(ServiceUnderFaults.MAX_RETRY_AFTER.minusMillis(100));
    }
    assertThat(rollgate.decidedGates(id)).isEmpty();
    assertThat(world.sandbox().servicenow().changesWithCorrelationId(id)).isZero();

    // when: ServiceNow accepts calls again and a release manager retries the step
    world.sandbox().servicenow().server().faults().clear();
    retry(id, "ServiceNow accepts calls again").ok();

    // then
    assertThat(rollgate.awaitEnd(id, TO_THE_END).path("state").asText()).isEqualTo("RELEASED");
    assertThat(world.sandbox().servicenow().changesWithCorrelationId(id)).isEqualTo(1);
  }

  @Test
  void launchDarklyDownDuringAWaveAdvancesNoWaveAndTheReleaseCanBeStoppedOnceItIsBack()
      throws Exception {
    // given: a release whose first wave is served
    String flag = world.createFlag("ld-outage-flag-" + RELEASES.get());
    Map<String, Object> request = request();
    request.put("flagKey", flag);
    request.put("bakeTime", "PT3S");
    String id = rollgate.startRelease(request);
    long instance = rollgate.release(id).path("processInstanceKey").asLong();
    Await.until("the first wave served", Duration.ofMinutes(1), () -> flags.version(flag) >= 3);

    // when: LaunchDarkly goes down during the wave's bake time
    world.sandbox().launchdarkly().faults().set(DOWN);
    EngineOperator.Incident incident = rollgate.engine().awaitIncident(instance, TO_AN_INCIDENT);

    // then: the next wave was not served, nor recorded as served
    assertThat(incident.message()).containsIgnoringCase("launchdarkly").contains("503");
    assertThat(flags.version(flag)).isEqualTo(3);
    JsonNode record = rollgate.release(id);
    assertThat(record.path("state").asText()).isEqualTo("RUNNING");
    assertThat(record.path("wavePercent").asInt()).isEqualTo(50);
    assertThat(rollgate.decidedGates(id).stream().filter("rollout"::equals)).hasSize(1);

    // when: LaunchDarkly is back and the release manager stops the release
    world.sandbox().launchdarkly().faults().clear();
    String manager = rollgate.admin().createToken("ld-outage-manager", "release-manager");
    JsonNode aborted =
        rollgate
            .process()
            .api(manager)
            .post(
                "/api/v1/releases/" + id + "/abort",
                Map.of("reason", "LaunchDarkly was down mid-rollout"))
            .ok();

    // then
    assertThat(aborted.path("state").asText()).isEqualTo("ABORTED");
    String number = aborted.path("changeNumber").asText();
    JsonNode change = world.sandbox().servicenow().change(number).orElseThrow();
    assertThat(change.path("state").path("display_value").asText()).isEqualTo("Canceled");
    assertThat(rollgate.engine().incidents(instance)).isEmpty();
    assertThat(rollgate.decisionLogIntact()).isTrue();
  }

  @Test
  void ciNeverAnsweringStopsForAPersonInsteadOfPassingReadiness() throws Exception {
    // given: GitHub accepts connections and never answers within the read timeout
    world
        .sandbox()
        .ci()
        .github()
        .server()
        .faults()
        .set(new Faults.Spec(30_000L, null, null, null, null));
    String id = rollgate.startRelease(request());
    long instance = rollgate.release(id).path("processInstanceKey").asLong();

    // when
    EngineOperator.Incident incident = rollgate.engine().awaitIncident(instance, TO_AN_INCIDENT);

    // then: readiness stops for a person, and the waiting pipeline is told why; no change was
    // opened
    assertThat(incident.message()).containsIgnoringCase("github").contains("timed out");
    JsonNode readiness =
        rollgate.pipeline().get("/api/v1/releases/" + id + "/gates/readiness").ok();
    assertThat(readiness.path("status").asText()).isEqualTo("STOPPED");
    assertThat(readiness.path("incident").toString()).contains("timed out");
    assertThat(world.sandbox().servicenow().changesWithCorrelationId(id)).isZero();

    // when: GitHub answers again and a release manager retries the CI check
    world.sandbox().ci().github().server().faults().clear();
    GateApi.Answer retried = retry(id, "GitHub answers again; the CI check may run");

    // then
    assertThat(retried.status()).isEqualTo(202);
    assertRetryRecorded(
        id, incident, "faults-manager", "GitHub answers again; the CI check may run");
    assertThat(rollgate.awaitEnd(id, TO_THE_END).path("state").asText()).isEqualTo("RELEASED");
  }

  /** The release manager retries the step the release stopped at, through the gate API. */
  private static GateApi.Answer retry(String id, String justification) {
    return rollgate
        .process()
        .api(manager)
        .post("/api/v1/releases/" + id + "/retry", Map.of("justification", justification));
  }

  /** The decision log's retry entry names the person, their reason and the incident they saw. */
  private static void assertRetryRecorded(
      String id, EngineOperator.Incident incident, String actor, String justification) {
    List<JsonNode> retries = new ArrayList<>();
    for (JsonNode entry : rollgate.pipeline().get("/api/v1/releases/" + id + "/decisions").ok()) {
      if ("retry".equals(entry.path("gate").asText())) {
        retries.add(entry);
      }
    }
    assertThat(retries).as("retry entries of %s", id).hasSize(1);
    JsonNode entry = retries.get(0);
    assertThat(entry.path("decision").asText()).isEqualTo("RETRY");
    assertThat(entry.path("actor").asText()).isEqualTo(actor);
    assertThat(entry.path("justification").asText()).isEqualTo(justification);
    assertThat(entry.path("inputs").path("incidentKey").asText()).isEqualTo(incident.key());
    assertThat(entry.path("inputs").path("element").asText()).isEqualTo(incident.elementId());
    assertThat(entry.path("inputs").path("message").asText()).isEqualTo(incident.message());
    assertThat(entry.path("evidenceHash").asText()).matches("[0-9a-f]{64}");
  }

  /** A release of a service of its own, so that incidents opened for one touch no other. */
  private static Map<String, Object> request() {
    int n = RELEASES.incrementAndGet();
    return world.releaseRequest("outside-" + n, "2.0." + n);
  }
}
