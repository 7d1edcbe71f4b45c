package io.rollgate.app.task;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rollgate.app.support.Cab;
import io.rollgate.app.support.ReleaseRequests;
import io.rollgate.app.support.RunningService;
import io.rollgate.sandbox.launcher.Sandbox;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The user tasks API against the running service and the sandbox: a release whose readiness says
 * GO_WITH_RISK (a known P2 on its service) waits at the go/no-go, and a release manager decides it
 * through {@code /api/v1/tasks}, under the same checks as the go/no-go decision endpoint.
 */
class TaskApiIT extends RunningService {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired private Sandbox sandbox;

  /** A release started by {@code requester}, and its go/no-go task once it waits there. */
  private record Waiting(String releaseId, String requester, JsonNode task) {}

  @Test
  void listsTheGoNoGoTaskOfAReleaseWaitingThereWithItsFormDataAndEvidence() throws Exception {
    // given
    Waiting waiting = releaseAtGoNoGo("list", "1.0.0");
    String viewer = token("task-viewer", "viewer");

    // when
    Answer list = call("GET", "/api/v1/tasks", viewer, null, null);
    Answer detail =
        call("GET", "/api/v1/tasks/" + waiting.task().path("key").asText(), viewer, null, null);

    // then
    assertThat(list.status()).as(list.body()).isEqualTo(200);
    assertThat(list.json().path("items").findValuesAsText("releaseId"))
        .contains(waiting.releaseId());
    JsonNode task = waiting.task();
    assertThat(task.path("service").asText()).isEqualTo("task-list");
    assertThat(task.path("name").asText()).isEqualTo("Go / no-go");
    assertThat(task.path("elementId").asText()).isEqualTo("goNoGo");
    assertThat(task.path("formKey").asText()).isEqualTo("go-no-go");
    assertThat(task.path("candidateGroups").get(0).asText()).isEqualTo("release-managers");
    assertThat(Instant.parse(task.path("createdAt").asText())).isBefore(Instant.now());
    assertThat(detail.status()).as(detail.body()).isEqualTo(200);
    JsonNode body = detail.json();
    assertThat(body.path("key").asText()).isEqualTo(task.path("key").asText());
    assertThat(body.path("form").path("id").asText()).isEqualTo("go-no-go");
    assertThat(body.path("form").path("components").findValuesAsText("key"))
        .contains("goDecision", "justification", "acceptedRisks");
    assertThat(body.path("data").path("readiness").path("verdict").asText())
        .isEqualTo("GO_WITH_RISK");
    assertThat(body.path("data").path("releaseId").asText()).isEqualTo(waiting.releaseId());
    assertThat(body.path("evidence").findValuesAsText("name")).contains("readiness GO_WITH_RISK");
    assertThat(body.path("evidence").get(0).path("sha256").asText()).matches("[0-9a-f]{64}");
    assertThat(body.path("evidence").get(0).path("url").asText())
        .isEqualTo("/api/v1/releases/" + waiting.releaseId() + "/evidence");
  }

  @Test
  void aReleaseManagerCompletesTheGoNoGoAndTheReleaseGoesOnToItsEnd() throws Exception {
    // given
    Waiting waiting = releaseAtGoNoGo("go", "2.0.0");
    String manager = token("task-manager-rita", "release-manager");
    JsonNode risks =
        call("GET", "/api/v1/tasks/" + waiting.task().path("key").asText(), manager, null, null)
            .json()
            .path("data")
            .path("readiness")
            .path("reasons");

    // when
    Answer completed =
        complete(
            manager,
            waiting.task().path("key").asText(),
            Map.of(
                "goDecision", "GO",
                "justification", "the open P2 is known and unrelated to this change",
                "acceptedRisks", JSON.convertValue(risks, List.class),
                "risksAcceptedUntil", "2999-12-31"));

    // then
    assertThat(completed.status()).as(completed.body()).isEqualTo(204);
    Answer gate =
        call(
            "GET",
            "/api/v1/releases/" + waiting.releaseId() + "/gates/go-no-go?wait=PT30S",
            manager,
            null,
            null);
    assertThat(gate.json().path("verdict").asText()).as(gate.body()).isEqualTo("GO");
    JsonNode decisions =
        call("GET", "/api/v1/releases/" + waiting.releaseId() + "/decisions", manager, null, null)
            .json();
    JsonNode goNoGo = null;
    for (JsonNode entry : decisions) {
      if ("go-no-go".equals(entry.path("gate").asText())) {
        goNoGo = entry;
      }
    }
    assertThat(goNoGo).as(decisions.toString()).isNotNull();
    assertThat(goNoGo.path("actor").asText()).isEqualTo("task-manager-rita");
    assertThat(goNoGo.path("justification").asText()).contains("known and unrelated");
    JsonNode ended = awaitEnd(manager, waiting.releaseId(), Duration.ofSeconds(90));
    assertThat(ended.path("state").asText()).as(ended.toString()).isEqualTo("RELEASED");
    JsonNode change =
        sandbox.servicenow().change(ended.path("changeNumber").asText()).orElseThrow();
    assertThat(change.path("state").path("display_value").asText()).isEqualTo("Closed");
    assertThat(change.path("close_code").path("value").asText()).isEqualTo("successful");
    Answer again = complete(manager, waiting.task().path("key").asText(), goValues());
    assertThat(again.status()).isEqualTo(404);
  }

  @Test
  void theRequesterIsRefusedWithTheReasonAndTheTaskStaysOpen() throws Exception {
    // given
    Waiting waiting = releaseAtGoNoGo("self", "3.0.0");

    // when
    Answer refused = complete(waiting.requester(), waiting.task().path("key").asText(), goValues());

    // then
    assertThat(refused.status()).as(refused.body()).isEqualTo(409);
    assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
    assertThat(refused.json().path("detail").asText())
        .contains("requested this release and cannot decide its go/no-go");
    Answer still =
        call(
            "GET",
            "/api/v1/tasks?releaseId=" + waiting.releaseId(),
            waiting.requester(),
            null,
            null);
    assertThat(still.json().path("items").findValuesAsText("key"))
        .containsExactly(waiting.task().path("key").asText());
  }

  @Test
  void valuesThatDoNotFitTheFormAreUnprocessableNamingEachField() throws Exception {
    // given
    Waiting waiting = releaseAtGoNoGo("form", "4.0.0");
    String manager = token("task-manager-form", "release-manager");
    String key = waiting.task().path("key").asText();

    // when
    Answer badValues =
        complete(
            manager, key, Map.of("goDecision", "MAYBE", "justification", "ok", "requestedBy", "x"));
    Answer noVariables =
        call("POST", "/api/v1/tasks/" + key + "/completion", manager, "application/json", "{}");

    // then
    assertThat(badValues.status()).as(badValues.body()).isEqualTo(422);
    assertThat(badValues.json().path("errors").findValuesAsText("field"))
        .containsExactlyInAnyOrder(
            "variables.requestedBy", "variables.goDecision", "variables.justification");
    assertThat(noVariables.status()).as(noVariables.body()).isEqualTo(422);
    assertThat(noVariables.json().path("errors").findValuesAsText("field")).contains("variables");
    assertThat(
            call("GET", "/api/v1/tasks?releaseId=" + waiting.releaseId(), manager, null, null)
                .json()
                .path("items")
                .size())
        .isEqualTo(1);
  }

  @Test
  void onlyReleaseManagersAndAdminsCompleteAndEveryCallNeedsACredential() {
    // given
    String viewer = token("task-viewer-2", "viewer");
    String manager = token("task-manager-2", "release-manager");

    // when
    Answer byViewer = complete(viewer, "2251799813685300", goValues());
    Answer anonymous = call("GET", "/api/v1/tasks", null, null, null);
    Answer unknown = complete(manager, "2251799813685300", goValues());
    Answer unknownGet = call("GET", "/api/v1/tasks/not-a-key", manager, null, null);

    // then
    assertThat(byViewer.status()).isEqualTo(403);
    assertThat(byViewer.json().path("detail").asText()).contains("release-manager");
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(unknown.status()).as(unknown.body()).isEqualTo(404);
    assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
    assertThat(unknownGet.status()).isEqualTo(404);
  }

  private static Map<String, Object> goValues() {
    return Map.of("goDecision", "GO", "justification", "decided through the task inbox");
  }

  private Answer complete(String token, String key, Map<String, Object> variables) {
    try {
      return call(
          "POST",
          "/api/v1/tasks/" + key + "/completion",
          token,
          "application/json",
          JSON.writeValueAsString(Map.of("variables", variables)));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A release of service {@code task-<name>} that a release manager started, with a known P2 open
   * on the service, approved by the CAB and waiting at its go/no-go. Each test releases a service
   * of its own, so no other test's change conflicts with its change in the calendar.
   */
  private Waiting releaseAtGoNoGo(String name, String version) throws Exception {
    String service = "task-" + name;
    sandbox
        .servicenow()
        .addIncident(
            Map.of(
                "short_description",
                "Known slowness on " + service,
                "priority",
                "2",
                "business_service",
                service,
                "cmdb_ci",
                service));
    String requester = token("task-requester-" + name, "release-manager");
    Map<String, Object> request = ReleaseRequests.request(service, version);
    request.put("commitSha", ReleaseRequests.greenCommit(sandbox));
    String id = startRelease(requester, request);
    Cab.approveWhenAsked(sandbox, Cab.awaitChangeOf(sandbox, id));
    Instant deadline = Instant.now().plusSeconds(120);
    while (Instant.now().isBefore(deadline)) {
      JsonNode items =
          call("GET", "/api/v1/tasks?releaseId=" + id, requester, null, null).json().path("items");
      if (items.size() > 0) {
        return new Waiting(id, requester, items.get(0));
      }
      Thread.sleep(200);
    }
    throw new AssertionError("release " + id + " did not reach its go/no-go within two minutes");
  }
}
