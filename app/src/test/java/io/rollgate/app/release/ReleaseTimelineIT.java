package io.rollgate.app.release;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rollgate.app.record.CanonicalJson;
import io.rollgate.app.support.EventStream;
import io.rollgate.app.support.EventStream.Event;
import io.rollgate.app.support.ReleaseRequests;
import io.rollgate.app.support.RunningService;
import io.rollgate.connector.servicenow.ServiceNowClient;
import io.rollgate.connector.servicenow.model.ChangeRequest;
import io.rollgate.connector.servicenow.model.ChangeState;
import io.rollgate.sandbox.launcher.Sandbox;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A release followed through the API alone: its record, its Server-Sent Events timeline (resumed
 * with Last-Event-ID), its evidence pack, a pipeline's deploy report and an abort.
 */
class ReleaseTimelineIT extends RunningService {

  @Autowired private Sandbox sandbox;

  /** Reads the simulator's changes as ServiceNow's Table API shows them. */
  @Autowired private ServiceNowClient servicenow;

  private String startRelease(String token, String version, String commit, String changeModel)
      throws Exception {
    // An open change of the same service (another test's release still going in the shared
    // sandbox) is a calendar conflict: releases that open a change get a service of their own.
    String service =
        switch (version) {
          case "8.0.0" -> "timeline-standard";
          case "8.3.0" -> "timeline-aborted";
          case "8.4.0" -> "timeline-deploy";
          default -> "checkout";
        };
    Map<String, Object> body = ReleaseRequests.request(service, version);
    body.put("commitSha", commit);
    body.put("changeModel", changeModel);
    return startRelease(token, body);
  }

  /** Reads the stream until the server ends it. */
  private List<Event> readEvents(String token, String releaseId, String lastEventId)
      throws Exception {
    return EventStream.read(
        uri("/api/v1/releases/" + releaseId + "/events"),
        token,
        lastEventId,
        Duration.ofMinutes(2));
  }

  @Test
  void aStandardReleaseStreamsItsTimelineFromGateToOutcome() throws Exception {
    // given
    String pipeline = token("timeline-pipeline", "pipeline");
    String id = startRelease(pipeline, "8.0.0", ReleaseRequests.greenCommit(sandbox), "standard");

    // when
    List<Event> events = readEvents(pipeline, id, null);

    // then
    assertThat(events).extracting(Event::name).contains("gate-decided", "wave-set");
    assertThat(events.get(events.size() - 1).name()).isEqualTo("release-ended");
    assertThat(events.get(events.size() - 1).data().path("state").asText()).isEqualTo("RELEASED");
    assertThat(events)
        .filteredOn(e -> e.name().equals("gate-decided"))
        .extracting(e -> e.data().path("gate").asText() + "=" + e.data().path("verdict").asText())
        .startsWith("readiness=GO");
    List<Long> ids = events.stream().map(e -> Long.parseLong(e.id())).toList();
    assertThat(ids).isSorted().doesNotHaveDuplicates();

    JsonNode record = call("GET", "/api/v1/releases/" + id, pipeline, null, null).json();
    assertThat(record.path("state").asText()).isEqualTo("RELEASED");
    assertThat(record.path("rollout").path("wavePercent").asInt()).isEqualTo(100);
    assertThat(record.path("gates").get(0).path("justification").asText()).isNotBlank();
    assertThat(record.path("links").path("events").asText())
        .isEqualTo("/api/v1/releases/" + id + "/events");
    assertThat(record.path("currentStep").isNull()).isTrue();
  }

  @Test
  void aReconnectingClientGetsOnlyWhatCameAfterItsLastEventId() throws Exception {
    // given
    String pipeline = token("resume-pipeline", "pipeline");
    String id =
        startRelease(pipeline, "8.1.0", "0123456789abcdef0123456789abcdef01234567", "normal");
    List<Event> all = readEvents(pipeline, id, null);
    assertThat(all.size()).isGreaterThanOrEqualTo(2);

    // when
    List<Event> resumed = readEvents(pipeline, id, all.get(0).id());

    // then
    assertThat(resumed)
        .extracting(Event::id)
        .containsExactlyElementsOf(all.subList(1, all.size()).stream().map(Event::id).toList());
  }

  @Test
  void theEvidencePackHashesRecomputeFromItsSnapshots() throws Exception {
    // given
    String pipeline = token("evidence-pipeline", "pipeline");
    String id =
        startRelease(pipeline, "8.2.0", "0123456789abcdef0123456789abcdef01234567", "normal");
    readEvents(pipeline, id, null);

    // when
    JsonNode pack =
        call("GET", "/api/v1/releases/" + id + "/evidence", pipeline, null, null).json();

    // then
    assertThat(pack.path("format").asText()).isEqualTo("rollgate-evidence/1");
    assertThat(pack.path("entries")).isNotEmpty();
    for (JsonNode entry : pack.path("entries")) {
      assertThat(CanonicalJson.sha256(entry.path("evidence").asText()))
          .isEqualTo(entry.path("evidenceHash").asText());
    }
    assertThat(pack.path("release").path("id").asText()).isEqualTo(id);
  }

  @Test
  void aPipelineAbortsItsOwnWaitingReleaseButNotAnothers() throws Exception {
    // given: a normal change waits for the CAB, which approves only after an hour here
    String pipeline = token("abort-pipeline", "pipeline");
    String other = token("other-pipeline", "pipeline");
    String id = startRelease(pipeline, "8.3.0", ReleaseRequests.greenCommit(sandbox), "normal");
    awaitGate(pipeline, id, "readiness");
    // the change is open in ServiceNow, waiting for the CAB
    for (int i = 0; i < 300 && servicenow.findChangeByCorrelationId(id).isEmpty(); i++) {
      Thread.sleep(100);
    }
    String abort = "{\"reason\":\"bad build\"}";

    // when
    Answer refused =
        call("POST", "/api/v1/releases/" + id + "/abort", other, "application/json", abort);
    Answer aborted =
        call("POST", "/api/v1/releases/" + id + "/abort", pipeline, "application/json", abort);
    Answer again =
        call("POST", "/api/v1/releases/" + id + "/abort", pipeline, "application/json", abort);

    // then
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
    assertThat(aborted.status()).as(aborted.body()).isEqualTo(200);
    assertThat(aborted.json().path("state").asText()).isEqualTo("ABORTED");
    assertThat(aborted.json().path("outcome").asText()).contains("bad build");
    assertThat(again.status()).isEqualTo(409);
    List<Event> events = readEvents(pipeline, id, null);
    assertThat(events.get(events.size() - 1).data().path("state").asText()).isEqualTo("ABORTED");
    JsonNode cab =
        call("GET", "/api/v1/releases/" + id + "/gates/cab", pipeline, null, null).json();
    assertThat(cab.path("status").asText()).isEqualTo("NOT_REACHED");
    // and the change the CAB was to approve is canceled in ServiceNow, saying why
    ChangeRequest change = servicenow.findChangeByCorrelationId(id).orElseThrow();
    assertThat(change.state()).isEqualTo(ChangeState.CANCELED);
    assertThat(change.field("close_notes").value()).contains("aborted by").contains("bad build");
  }

  @Test
  void aReportedDeploymentIsRecordedAndStreamed() throws Exception {
    // given
    String pipeline = token("deploy-pipeline", "pipeline");
    String id = startRelease(pipeline, "8.4.0", ReleaseRequests.greenCommit(sandbox), "normal");
    awaitGate(pipeline, id, "readiness");

    // when
    Answer answer =
        call(
            "POST",
            "/api/v1/releases/" + id + "/deployments",
            pipeline,
            "application/json",
            "{\"step\":\"deploy-eu\",\"result\":\"failure\",\"url\":\"https://ci.example/run/7\","
                + "\"artifactDigest\":\"sha256:"
                + "a".repeat(64)
                + "\"}");
    Answer invalid =
        call(
            "POST",
            "/api/v1/releases/" + id + "/deployments",
            pipeline,
            "application/json",
            "{\"step\":\"deploy-eu\",\"result\":\"maybe\"}");

    // then
    assertThat(answer.status()).as(answer.body()).isEqualTo(202);
    assertThat(answer.json().path("decision").asText()).isEqualTo("DEPLOY_FAILED");
    assertThat(invalid.status()).isEqualTo(422);
    assertThat(invalid.json().path("errors").get(0).path("field").asText()).isEqualTo("result");
    JsonNode decisions =
        call("GET", "/api/v1/releases/" + id + "/decisions", pipeline, null, null).json();
    assertThat(decisions.findValuesAsText("gate")).contains("deployment");
    call(
        "POST",
        "/api/v1/releases/" + id + "/abort",
        pipeline,
        "application/json",
        "{\"reason\":\"deploy failed\"}");
    assertThat(readEvents(pipeline, id, null))
        .extracting(Event::name)
        .contains("deployment-reported");
  }

  private void awaitGate(String token, String id, String gate) {
    Instant deadline = Instant.now().plusSeconds(60);
    while (Instant.now().isBefore(deadline)) {
      JsonNode status =
          call(
                  "GET",
                  "/api/v1/releases/" + id + "/gates/" + gate + "?wait=PT10S",
                  token,
                  null,
                  null)
              .json();
      if ("DECIDED".equals(status.path("status").asText())) {
        return;
      }
    }
    throw new AssertionError("gate " + gate + " of " + id + " was not decided");
  }
}
