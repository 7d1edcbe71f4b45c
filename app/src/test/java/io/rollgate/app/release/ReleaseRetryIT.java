package io.rollgate.app.release;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rollgate.app.support.ReleaseRequests;
import io.rollgate.app.support.RunningService;
import io.rollgate.sandbox.launcher.Sandbox;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A release manager retries the step a release stopped at ({@code POST
 * /api/v1/releases/{id}/retry}): the decision log records who, why and the incident they saw, and
 * the release goes on from that step; nobody else may, nothing is retried without a reason, and a
 * release that is not stopped has nothing to retry.
 */
class ReleaseRetryIT extends RunningService {

  private static final String WHY = "{\"justification\":\"GitHub knows the repository again\"}";

  @Autowired private Sandbox sandbox;

  @Test
  void aReleaseManagerRetriesTheStoppedStepAndTheReleaseGoesOnWithTheRetryRecorded()
      throws Exception {
    // given: a release whose repository GitHub does not know, stopped at its CI check
    String rita = token("retry-rita", "release-manager");
    String repository = "retry-" + UUID.randomUUID().toString().substring(0, 8);
    Stopped stopped = stoppedRelease(repository);
    JsonNode incident = stopped.release().path("incident");

    // when: the repository is there now, and rita retries the CI check
    ReleaseRequests.passedBuild(sandbox, "acme", repository, stopped.commit());
    Answer retried = retry(stopped.id(), rita, WHY);

    // then: accepted, and readiness decides on the step run again
    assertThat(retried.status()).as(retried.body()).isEqualTo(202);
    assertThat(retried.json().path("id").asText()).isEqualTo(stopped.id());
    assertThat(retried.json().path("state").asText()).isEqualTo("RUNNING");
    JsonNode readiness =
        call(
                "GET",
                "/api/v1/releases/" + stopped.id() + "/gates/readiness?wait=PT1M",
                rita,
                null,
                null)
            .json();
    assertThat(readiness.path("status").asText()).as(readiness.toString()).isEqualTo("DECIDED");

    // and: the decision log names rita, her reason and the incident as she saw it
    JsonNode entry = retryEntry(stopped.id(), rita);
    assertThat(entry.path("decision").asText()).isEqualTo("RETRY");
    assertThat(entry.path("actor").asText()).isEqualTo("retry-rita");
    assertThat(entry.path("justification").asText()).isEqualTo("GitHub knows the repository again");
    assertThat(entry.path("inputs").path("element").asText()).isEqualTo("ciStatus");
    assertThat(entry.path("inputs").path("errorType").asText()).isEqualTo("JOB_NO_RETRIES");
    assertThat(entry.path("inputs").path("message").asText())
        .isEqualTo(incident.path("message").asText())
        .contains("Not Found");
    // the record's gates and the evidence pack show it too
    JsonNode record = call("GET", "/api/v1/releases/" + stopped.id(), rita, null, null).json();
    assertThat(record.path("gates").findValuesAsText("gate")).contains("retry");
    JsonNode evidence =
        call("GET", "/api/v1/releases/" + stopped.id() + "/evidence", rita, null, null).json();
    JsonNode packed = null;
    for (JsonNode e : evidence.path("entries")) {
      if ("retry".equals(e.path("gate").asText())) {
        packed = e;
      }
    }
    assertThat(packed).as("the retry in the evidence pack %s", evidence).isNotNull();
    assertThat(packed.path("evidenceHash").asText()).isEqualTo(entry.path("evidenceHash").asText());
    assertThat(packed.toString()).contains("ciStatus");
  }

  @Test
  void onlyAReleaseManagerOrAnAdminMayRetryAStep() throws Exception {
    // given
    Stopped stopped = stoppedRelease("retry-" + UUID.randomUUID().toString().substring(0, 8));
    String viewer = token("retry-viewer", "viewer");
    String cab = token("retry-cab", "cab");

    // when
    Answer anonymous = retry(stopped.id(), null, WHY);
    Answer byItsPipeline = retry(stopped.id(), stopped.pipeline(), WHY);
    Answer byAViewer = retry(stopped.id(), viewer, WHY);
    Answer byTheCab = retry(stopped.id(), cab, WHY);

    // then: refused, and the release still stands at the incident with nothing recorded
    assertThat(anonymous.status()).isEqualTo(401);
    for (Answer refused : List.of(byItsPipeline, byAViewer, byTheCab)) {
      assertThat(refused.status()).as(refused.body()).isEqualTo(403);
      assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
      assertThat(refused.json().path("detail").asText()).contains("release-manager, admin");
    }
    assertThat(release(stopped.id()).path("incident").path("element").asText())
        .isEqualTo("ciStatus");
    assertThat(decisionGates(stopped.id())).doesNotContain("retry");
  }

  @Test
  void aRetryWithoutAJustificationIsRefusedNamingTheFieldAndRecordsNothing() throws Exception {
    // given
    Stopped stopped = stoppedRelease("retry-" + UUID.randomUUID().toString().substring(0, 8));
    String manager = token("retry-hasty-manager", "release-manager");

    // when
    Answer blank = retry(stopped.id(), manager, "{\"justification\":\"  \"}");
    Answer missing = retry(stopped.id(), manager, "{}");
    Answer notJson = retry(stopped.id(), manager, "retry it");

    // then
    for (Answer invalid : List.of(blank, missing)) {
      assertThat(invalid.status()).as(invalid.body()).isEqualTo(422);
      assertThat(invalid.header("Content-Type")).startsWith("application/problem+json");
      assertThat(invalid.json().path("errors").get(0).path("field").asText())
          .isEqualTo("justification");
    }
    assertThat(notJson.status()).isEqualTo(400);
    assertThat(notJson.header("Content-Type")).startsWith("application/problem+json");
    assertThat(decisionGates(stopped.id())).doesNotContain("retry");
    assertThat(release(stopped.id()).path("incident").path("element").asText())
        .isEqualTo("ciStatus");
  }

  @Test
  void aReleaseThatIsNotStoppedHasNoStepToRetry() throws Exception {
    // given: a release waiting for its CAB, which approves only after an hour here
    String pipeline = token("retry-moving-pipeline", "pipeline");
    String manager = token("retry-moving-manager", "release-manager");
    Map<String, Object> body = ReleaseRequests.request("retry-moving", "1.0.0");
    body.put("commitSha", ReleaseRequests.greenCommit(sandbox));
    String id = startRelease(pipeline, body);
    JsonNode readiness =
        call("GET", "/api/v1/releases/" + id + "/gates/readiness?wait=PT1M", pipeline, null, null)
            .json();
    assertThat(readiness.path("status").asText()).as(readiness.toString()).isEqualTo("DECIDED");

    // when
    Answer moving = retry(id, manager, WHY);
    call(
        "POST",
        "/api/v1/releases/" + id + "/abort",
        manager,
        "application/json",
        "{\"reason\":\"not needed\"}");
    // the abort may have found the change still on its way to ServiceNow, and waits for it
    awaitEnd(manager, id, Duration.ofMinutes(7));
    Answer ended = retry(id, manager, WHY);
    Answer unknown = retry("no-such-release", manager, WHY);

    // then
    assertThat(moving.status()).as(moving.body()).isEqualTo(409);
    assertThat(moving.header("Content-Type")).startsWith("application/problem+json");
    assertThat(moving.json().path("detail").asText()).contains("is not stopped at an incident");
    assertThat(ended.status()).as(ended.body()).isEqualTo(409);
    assertThat(ended.json().path("detail").asText()).contains("already ended ABORTED");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
    assertThat(decisionGates(id)).doesNotContain("retry");
  }

  /** A release stopped at its CI check, started by its own pipeline. */
  private record Stopped(String id, String pipeline, String commit, JsonNode release) {}

  /**
   * Starts a release of {@code acme/<repository>}, which GitHub does not know, and waits until it
   * stands at the incident its CI check ends in.
   */
  private Stopped stoppedRelease(String repository) throws Exception {
    String pipeline = token("retry-pipeline-" + repository, "pipeline");
    Map<String, Object> body = ReleaseRequests.request("retry-stopped", "1.0.0");
    body.put("repository", "acme/" + repository);
    String commit = UUID.randomUUID().toString().replace("-", "") + "01234567";
    body.put("commitSha", commit);
    String id = startRelease(pipeline, body);
    return new Stopped(id, pipeline, commit, awaitIncident(ADMIN_TOKEN, id, Duration.ofMinutes(2)));
  }

  private Answer retry(String id, String token, String body) {
    return call("POST", "/api/v1/releases/" + id + "/retry", token, "application/json", body);
  }

  private JsonNode release(String id) {
    return call("GET", "/api/v1/releases/" + id, ADMIN_TOKEN, null, null).json();
  }

  private JsonNode retryEntry(String id, String token) {
    for (JsonNode entry :
        call("GET", "/api/v1/releases/" + id + "/decisions", token, null, null).json()) {
      if ("retry".equals(entry.path("gate").asText())) {
        return entry;
      }
    }
    throw new AssertionError("no retry in the decision log of " + id);
  }
}
