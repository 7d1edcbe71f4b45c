package io.rollgate.app.release;

import static io.rollgate.app.support.ReleaseRequests.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rollgate.app.support.ReleaseRequests;
import io.rollgate.app.support.RunningService;
import io.rollgate.sandbox.ci.Behaviour;
import io.rollgate.sandbox.ci.GitHubSim;
import io.rollgate.sandbox.ci.GitLabSim;
import io.rollgate.sandbox.launcher.Sandbox;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Starting a release over HTTP: idempotency keys, every invalid field named at once, and the
 * cutover plan the request gives.
 */
class ReleaseStartIT extends RunningService {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired private Sandbox sandbox;

  private Answer start(String token, Map<String, Object> body, String key) throws Exception {
    return call(
        "POST",
        "/api/v1/releases",
        token,
        "application/json",
        JSON.writeValueAsString(body),
        key == null ? Map.of() : Map.of("Idempotency-Key", key));
  }

  @Test
  void aRetriedStartWithTheSameKeyAnswersTheReleaseTheFirstCallStarted() throws Exception {
    // given
    String pipeline = token("idem-pipeline", "pipeline");
    String key = UUID.randomUUID().toString();
    Map<String, Object> body = request("checkout", "7.0.0");

    // when
    Answer first = start(pipeline, body, key);
    Answer retry = start(pipeline, body, key);

    // then
    assertThat(first.status()).isEqualTo(201);
    String id = first.json().path("id").asText();
    assertThat(first.header("Location")).isEqualTo("/api/v1/releases/" + id);
    assertThat(retry.status()).isEqualTo(200);
    assertThat(retry.json().path("id").asText()).isEqualTo(id);
  }

  @Test
  void theSameKeyWithAnotherBodyIsUnprocessableAndStartsNothing() throws Exception {
    // given
    String pipeline = token("idem-pipeline-2", "pipeline");
    String key = UUID.randomUUID().toString();
    start(pipeline, request("checkout", "7.1.0"), key);

    // when
    Answer other = start(pipeline, request("checkout", "7.2.0"), key);

    // then
    assertThat(other.status()).isEqualTo(422);
    assertThat(other.header("Content-Type")).startsWith("application/problem+json");
    assertThat(other.json().path("detail").asText()).contains(key);
    JsonNode list =
        JSON.readTree(call("GET", "/api/v1/releases?limit=500", pipeline, null, null).body());
    assertThat(list.path("items").findValuesAsText("version")).doesNotContain("7.2.0");
  }

  @Test
  void differentCallersMayUseTheSameKeyForTheirOwnReleases() throws Exception {
    // given
    String key = UUID.randomUUID().toString();
    Map<String, Object> body = request("payments", "1.0.0");

    // when
    Answer one = start(token("idem-a", "pipeline"), body, key);
    Answer two = start(token("idem-b", "pipeline"), body, key);

    // then
    assertThat(one.status()).isEqualTo(201);
    assertThat(two.status()).isEqualTo(201);
    assertThat(two.json().path("id").asText()).isNotEqualTo(one.json().path("id").asText());
  }

  @Test
  void anInvalidStartNamesEveryFieldToChangeAtOnce() throws Exception {
    // given
    Map<String, Object> body = request("no-such-service", "1.0.0");
    body.put("commitSha", "abc123");
    body.put("waves", List.of(10, 5, 100));
    body.put("windowStart", OffsetDateTime.now().minusDays(1).toString());
    body.put("windowEnd", OffsetDateTime.now().minusDays(2).toString());

    // when
    Answer answer = start(token("invalid-pipeline", "pipeline"), body, null);

    // then
    assertThat(answer.status()).isEqualTo(422);
    assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
    List<String> fields = new ArrayList<>();
    answer.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
    assertThat(fields)
        .containsExactlyInAnyOrder("commitSha", "service", "waves", "windowStart", "windowEnd");
    assertThat(answer.json().path("detail").asText()).contains("checkout");
  }

  @Test
  void aRepositoryPathWithSubgroupsIsRefusedForGitHubWhereOnlyOwnerAndNameExist() throws Exception {
    // given
    Map<String, Object> body = request("shop", "1.0.0");
    body.put("repository", "acme/platform/shop");

    // when
    Answer answer = start(token("subgroup-pipeline", "pipeline"), body, null);

    // then
    assertThat(answer.status()).isEqualTo(422);
    assertThat(answer.json().path("errors").get(0).path("field").asText()).isEqualTo("repository");
    assertThat(answer.json().path("errors").get(0).path("message").asText())
        .contains("owner/name on GitHub");
  }

  @Test
  void wavesThatDoNotReachAHundredAreRefused() throws Exception {
    // given
    Map<String, Object> body = request("shop", "1.0.0");
    body.put("waves", List.of(10, 50));

    // when
    Answer answer = start(token("waves-pipeline", "pipeline"), body, null);

    // then
    assertThat(answer.status()).isEqualTo(422);
    assertThat(answer.json().path("errors").get(0).path("field").asText()).isEqualTo("waves");
    assertThat(answer.json().path("errors").get(0).path("message").asText()).contains("100");
  }

  @Test
  void aServicesConfiguredLinksAndThresholdFillWhatTheRequestLeavesOutAndTheRequestWins()
      throws Exception {
    // given: checkout has a runbook, a rollback plan, a test report and a 95 % threshold configured
    String pipeline = token("defaults-pipeline", "pipeline");
    Map<String, Object> body = request("checkout", "7.3.0");
    body.remove("runbookUrl");
    body.remove("testReportUrl");
    body.put("rollbackPlanUrl", "https://wiki.example/rollback/checkout-7.3");

    // when
    Answer started = start(pipeline, body, null);

    // then
    assertThat(started.status()).as(started.body()).isEqualTo(201);
    JsonNode plan = started.json().path("plan");
    assertThat(plan.path("runbookUrl").asText())
        .isEqualTo("https://wiki.example/runbooks/checkout");
    assertThat(plan.path("testReportUrl").asText()).isEqualTo("https://ci.example/checkout/tests");
    assertThat(plan.path("rollbackPlanUrl").asText())
        .isEqualTo("https://wiki.example/rollback/checkout-7.3");
    assertThat(plan.path("minTestPassRatio").asDouble()).isEqualTo(0.95);
    String readiness = readiness(pipeline, started.json().path("id").asText());
    assertThat(readiness).doesNotContain("no runbook link", "no rollback plan", "no test report");
  }

  @Test
  void aRequestWithoutARolloutPlanGetsTheServicesConfiguredOne() throws Exception {
    // given: planned has a change model, waves, a bake time, a CI provider and workflow configured
    Map<String, Object> body = request("planned", "1.0.0");
    body.remove("changeModel");
    body.remove("waves");
    body.remove("bakeTime");
    OffsetDateTime windowEnd = OffsetDateTime.now().plusHours(2);
    body.put("windowEnd", windowEnd.toString());

    // when
    Answer started = start(token("planned-pipeline", "pipeline"), body, null);

    // then
    assertThat(started.status()).as(started.body()).isEqualTo(201);
    assertThat(started.json().path("changeModel").asText()).isEqualTo("standard");
    JsonNode plan = started.json().path("plan");
    assertThat(plan.path("waves").toString()).isEqualTo("[20,100]");
    assertThat(plan.path("bakeTime").asText()).isEqualTo("PT2S");
    assertThat(plan.path("ciProvider").asText()).isEqualTo("jenkins");
    assertThat(plan.path("ciWorkflow").asText()).isEqualTo("build.yml");
    assertThat(plan.path("readinessMaxAge").asText()).isEqualTo("PT30M");
    // the window the request gives closes there, whatever offset it was written in
    assertThat(java.time.Instant.parse(plan.path("windowEnd").asText()))
        .isEqualTo(windowEnd.toInstant());
  }

  @Test
  void aRequestWithoutARolloutPlanForAServiceWithoutOneNamesEachMissingField() throws Exception {
    // given: shop has no defaults configured
    Map<String, Object> body = request("shop", "1.1.0");
    body.remove("changeModel");
    body.remove("waves");
    body.remove("bakeTime");

    // when
    Answer answer = start(token("unplanned-pipeline", "pipeline"), body, null);

    // then
    assertThat(answer.status()).isEqualTo(422);
    List<String> fields = new ArrayList<>();
    answer.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
    assertThat(fields).containsExactlyInAnyOrder("bakeTime", "changeModel", "waves");
    assertThat(answer.json().path("detail").asText()).contains("rollgate.service-defaults");
  }

  @Test
  void aServiceWithoutLinksConfiguredAndNoneGivenEndsNotReadyNamingEachMissingLink()
      throws Exception {
    // given: payments has no links configured, and the request gives none
    String pipeline = token("no-links-pipeline", "pipeline");
    Map<String, Object> body = request("payments", "2.0.0");
    body.remove("runbookUrl");
    body.remove("rollbackPlanUrl");
    body.remove("testReportUrl");

    // when
    Answer started = start(pipeline, body, null);

    // then
    assertThat(started.status()).as(started.body()).isEqualTo(201);
    String id = started.json().path("id").asText();
    String readiness = readiness(pipeline, id);
    assertThat(readiness).contains("NO_GO", "runbook", "rollback plan", "test report");
    JsonNode release = ended(pipeline, id);
    assertThat(release.path("plan").has("runbookUrl")).isFalse();
    assertThat(release.path("state").asText()).isEqualTo("NOT_READY");
  }

  @Test
  void aCutoverPlanThatCannotRunNamesEachStepsFieldToChange() throws Exception {
    // given
    Map<String, Object> body = request("shop", "3.0.0");
    body.put(
        "cutoverSteps",
        List.of(
            Map.of("name", "migrate", "kind", "ci", "repository", "acme/edge/shop"),
            Map.of("name", "migrate", "kind", "deploy"),
            Map.of("name", "routes", "kind", "ci", "ci", "gitlab"),
            Map.of("name", "switch", "kind", "manual", "rollback", Map.of("kind", "manual")),
            Map.of(
                "name",
                "smoke",
                "kind",
                "ci",
                "ci",
                "jenkins",
                "pipeline",
                "shop-smoke",
                "rollback",
                Map.of("kind", "ci"))));

    // when
    Answer answer = start(token("bad-plan-pipeline", "pipeline"), body, null);

    // then
    assertThat(answer.status()).isEqualTo(422);
    assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
    List<String> fields = new ArrayList<>();
    answer.json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
    assertThat(fields)
        .containsExactlyInAnyOrder(
            "cutoverSteps[0].pipeline",
            "cutoverSteps[0].repository",
            "cutoverSteps[1].kind",
            "cutoverSteps[1].name",
            "cutoverSteps[2].repository",
            "cutoverSteps[3].instructions",
            "cutoverSteps[3].rollback.instructions",
            "cutoverSteps[4].rollback.pipeline");
    assertThat(answer.json().path("detail").asText()).contains("must be unique");
  }

  @Test
  void anEmptyCutoverPlanIsRefused() throws Exception {
    // given
    Map<String, Object> body = request("shop", "3.0.1");
    body.put("cutoverSteps", List.of());

    // when
    Answer answer = start(token("empty-plan-pipeline", "pipeline"), body, null);

    // then
    assertThat(answer.status()).isEqualTo(422);
    assertThat(answer.json().path("errors").get(0).path("field").asText())
        .isEqualTo("cutoverSteps");
  }

  @Test
  void aReleaseWithACutoverPlanRunsEachStepsWorkflowInOrderAndIsReleased() throws Exception {
    // given: two deploy workflows of acme/shop that succeed
    GitHubSim github = sandbox.ci().github();
    github.workflow("acme", "shop", "plan-migrate.yml", Behaviour.succeedsAfter(Duration.ZERO));
    github.workflow("acme", "shop", "plan-deploy.yml", Behaviour.succeedsAfter(Duration.ZERO));
    String pipeline = token("plan-pipeline", "pipeline");
    Map<String, Object> body = request("checkout", "8.0.0");
    body.put("commitSha", ReleaseRequests.greenCommit(sandbox));
    body.put("changeModel", "standard");
    body.put(
        "cutoverSteps",
        List.of(
            Map.of(
                "name",
                "migrate",
                "kind",
                "ci",
                "pipeline",
                "plan-migrate.yml",
                "rollback",
                Map.of("kind", "manual", "instructions", "Restore the schema backup.")),
            Map.of("name", "deploy", "kind", "ci", "ci", "github", "pipeline", "plan-deploy.yml")));

    // when
    Answer started = start(pipeline, body, null);

    // then
    assertThat(started.status()).as(started.body()).isEqualTo(201);
    String id = started.json().path("id").asText();
    assertThat(started.json().path("plan").path("cutoverSteps").findValuesAsText("name"))
        .containsExactly("migrate", "deploy");
    JsonNode release = ended(pipeline, id);
    assertThat(release.path("state").asText()).as(release.toString()).isEqualTo("RELEASED");
    assertThat(
            github.dispatches().stream()
                .filter(d -> d.inputs().getOrDefault("rollgate_key", "").startsWith(id + "/"))
                .map(d -> d.workflow() + " " + d.inputs().get("rollgate_key")))
        .containsExactly(
            "plan-migrate.yml " + id + "/migrate", "plan-deploy.yml " + id + "/deploy");
  }

  @Test
  void aGitLabReleasesCiStepThatNamesNoCiSystemRunsAsAPipelineOfItsProject() throws Exception {
    // given: checkout builds on GitLab in a subgroup, green on the commit; its plan's step names
    // no CI system
    GitLabSim gitlab = sandbox.ci().gitlab();
    gitlab.project("acme/platform/checkout-gl", 7301, Behaviour.succeedsAfter(Duration.ZERO));
    String sha = UUID.randomUUID().toString().replace("-", "") + "76543210";
    gitlab.seedPipeline("acme/platform/checkout-gl", sha, "main", "push");
    Thread.sleep(200); // the seeded pipeline's (instant) build passes once out of the queue
    String pipeline = token("gitlab-plan-pipeline", "pipeline");
    Map<String, Object> body = request("checkout", "8.1.0");
    body.put("commitSha", sha);
    body.put("repository", "acme/platform/checkout-gl");
    body.put("ciProvider", "gitlab");
    body.put("changeModel", "standard");
    body.put("cutoverSteps", List.of(Map.of("name", "deploy", "kind", "ci")));

    // when
    Answer started = start(pipeline, body, null);

    // then: accepted without a workflow or project, and run on GitLab, not GitHub
    assertThat(started.status()).as(started.body()).isEqualTo(201);
    String id = started.json().path("id").asText();
    JsonNode release = ended(pipeline, id);
    assertThat(release.path("state").asText()).as(release.toString()).isEqualTo("RELEASED");
    assertThat(gitlab.triggeredPipelines())
        .filteredOn(p -> p.project().equals("acme/platform/checkout-gl"))
        .singleElement()
        .satisfies(p -> assertThat(p.variables()).containsEntry("rollgate_key", id + "/deploy"));
    assertThat(sandbox.ci().github().dispatches())
        .noneMatch(d -> d.inputs().getOrDefault("rollgate_key", "").startsWith(id + "/"));
  }

  /** The release once it ended, or as it is after three minutes. */
  private JsonNode ended(String token, String releaseId) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
    JsonNode release = null;
    while (Instant.now().isBefore(deadline)) {
      release =
          JSON.readTree(call("GET", "/api/v1/releases/" + releaseId, token, null, null).body());
      if (!release.path("endedAt").isNull() && !release.path("endedAt").isMissingNode()) {
        return release;
      }
      Thread.sleep(100);
    }
    return release;
  }

  /** The readiness gate's answer once decided, as text. */
  private String readiness(String token, String releaseId) {
    Answer gate =
        call(
            "GET",
            "/api/v1/releases/" + releaseId + "/gates/readiness?wait=PT25S",
            token,
            null,
            null);
    assertThat(gate.status()).as(gate.body()).isEqualTo(200);
    assertThat(gate.json().path("status").asText()).as(gate.body()).isEqualTo("DECIDED");
    return gate.body();
  }
}
