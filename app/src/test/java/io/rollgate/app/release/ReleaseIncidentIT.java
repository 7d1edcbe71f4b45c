package io.rollgate.app.release;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rollgate.app.support.ReleaseRequests;
import io.rollgate.app.support.RunningService;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A release that stops at an incident in the engine says so: its view and its gates name where it
 * stopped and why, instead of a pipeline waiting in silence for a verdict that cannot come.
 */
class ReleaseIncidentIT extends RunningService {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aReleaseStoppedAtAnIncidentShowsTheIncidentAndItsGateAnswersWithIt() throws Exception {
    // given: a release of a repository GitHub does not know, so its CI check cannot be answered
    String pipeline = token("incident-pipeline", "pipeline");
    Map<String, Object> body = ReleaseRequests.request("checkout", "9.9.1");
    body.put("repository", "acme/no-such-repository");
    String id =
        call(
                "POST",
                "/api/v1/releases",
                pipeline,
                "application/json",
                JSON.writeValueAsString(body))
            .json()
            .path("id")
            .asText();

    // when
    JsonNode release = awaitIncident(pipeline, id, Duration.ofMinutes(2));
    JsonNode readiness =
        call("GET", "/api/v1/releases/" + id + "/gates/readiness?wait=PT10M", pipeline, null, null)
            .json();

    // then
    assertThat(release.path("state").asText()).isEqualTo("RUNNING");
    assertThat(release.path("incident").path("element").asText()).isEqualTo("ciStatus");
    assertThat(release.path("incident").path("errorType").asText()).isEqualTo("JOB_NO_RETRIES");
    assertThat(release.path("incident").path("message").asText()).contains("Not Found");
    assertThat(readiness.path("status").asText()).isEqualTo("STOPPED");
    assertThat(readiness.path("incident").path("message").asText())
        .isEqualTo(release.path("incident").path("message").asText());
  }

  @Test
  void aReleaseMovingOnShowsNoIncident() throws Exception {
    // given
    String pipeline = token("no-incident-pipeline", "pipeline");
    String id =
        call(
                "POST",
                "/api/v1/releases",
                pipeline,
                "application/json",
                JSON.writeValueAsString(ReleaseRequests.request("checkout", "9.9.2")))
            .json()
            .path("id")
            .asText();

    // when
    JsonNode release = call("GET", "/api/v1/releases/" + id, pipeline, null, null).json();
    JsonNode readiness =
        call("GET", "/api/v1/releases/" + id + "/gates/readiness", pipeline, null, null).json();

    // then
    assertThat(release.path("incident").isNull() || release.path("incident").isMissingNode())
        .as("incident of %s", release)
        .isTrue();
    assertThat(readiness.path("status").asText()).isIn("PENDING", "DECIDED");
  }

  private JsonNode awaitIncident(String token, String id, Duration timeout)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    JsonNode release = null;
    while (Instant.now().isBefore(deadline)) {
      release = call("GET", "/api/v1/releases/" + id, token, null, null).json();
      if (!release.path("incident").isNull() && !release.path("incident").isMissingNode()) {
        return release;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        "release " + id + " shows no incident within " + timeout + ": " + release);
  }
}
