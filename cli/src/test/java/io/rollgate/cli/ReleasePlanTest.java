package io.rollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rollgate.cli.FakeGateApi.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code release start} with a change window and a plan file: what reaches the gate API, what a
 * plan file that is not a plan does, and how a refused start names the options to add.
 */
class ReleasePlanTest {

  @TempDir Path dir;

  @RegisterExtension final FakeGateApi api = new FakeGateApi();

  private JsonNode sentBody() throws Exception {
    assertThat(api.received()).hasSize(1);
    return GateApi.JSON.readTree(api.received().get(0).body());
  }

  @Test
  void theWindowAndAYamlPlansStepsWavesAndBakeTimeReachTheRequest() throws Exception {
    // given
    api.startsReleases();
    Path plan =
        Files.writeString(
            dir.resolve("release-plan.yaml"),
            """
            # checkout's cutover: migrate, then a person checks the dashboards
            cutoverSteps:
              - name: migrate
                kind: ci
                pipeline: migrate.yml
                rollback:
                  kind: ci
                  pipeline: migrate-down.yml
              - name: verify
                kind: manual
                instructions: Check the checkout dashboards
            waves: [1, 25, 100]
            bakeTime: PT15M
            """);

    // when
    Run run =
        api.start(
            "--window-start",
            "2026-12-08T22:00:00Z",
            "--window-end",
            "2026-12-09T01:30:00+01:00",
            "--plan",
            plan.toString());

    // then
    assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
    JsonNode body = sentBody();
    assertThat(body.path("windowStart").asText()).isEqualTo("2026-12-08T22:00:00Z");
    assertThat(body.path("windowEnd").asText()).isEqualTo("2026-12-09T00:30:00Z");
    assertThat(body.path("cutoverSteps"))
        .isEqualTo(
            GateApi.JSON.readTree(
                """
                [{"name":"migrate","kind":"ci","pipeline":"migrate.yml",
                  "rollback":{"kind":"ci","pipeline":"migrate-down.yml"}},
                 {"name":"verify","kind":"manual","instructions":"Check the checkout dashboards"}]
                """));
    assertThat(body.path("waves")).isEqualTo(GateApi.JSON.readTree("[1,25,100]"));
    assertThat(body.path("bakeTime").asText()).isEqualTo("PT15M");
  }

  @Test
  void aPipelineStepsEnvironmentGivesThePlanWindowWavesAndBakeTimeAndThePlanWinsOverItsWaves()
      throws Exception {
    // given: a step that hands everything over in its environment, as the ready integrations do
    api.startsReleases();
    Path plan =
        Files.writeString(
            dir.resolve("plan.json"),
            """
            {"cutoverSteps":[{"name":"verify","kind":"manual","instructions":"Look"}],
             "waves":[5,100]}
            """);
    Map<String, String> env =
        Map.of(
            "ROLLGATE_PLAN", plan.toString(),
            "ROLLGATE_WAVES", "1,10,50,100",
            "ROLLGATE_BAKE_TIME", "10m",
            "ROLLGATE_WINDOW_START", "2026-12-08T23:00:00+01:00",
            "ROLLGATE_WINDOW_END", "2026-12-09T02:00:00Z");

    // when
    Run run = api.start(env);

    // then
    assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
    JsonNode body = sentBody();
    assertThat(body.path("cutoverSteps").get(0).path("name").asText()).isEqualTo("verify");
    assertThat(body.path("waves"))
        .as("the plan's waves")
        .isEqualTo(GateApi.JSON.readTree("[5,100]"));
    assertThat(body.path("bakeTime").asText())
        .as("the step's, the plan has none")
        .isEqualTo("PT10M");
    assertThat(body.path("windowStart").asText()).isEqualTo("2026-12-08T22:00:00Z");
    assertThat(body.path("windowEnd").asText()).isEqualTo("2026-12-09T02:00:00Z");
  }

  @Test
  void withoutAPlanTheStepsWavesAreSentAndBlankVariablesAreAbsent() throws Exception {
    // given
    api.startsReleases();
    Map<String, String> env =
        Map.of("ROLLGATE_PLAN", " ", "ROLLGATE_WAVES", "20,100", "ROLLGATE_WINDOW_END", "");

    // when
    Run run = api.start(env);

    // then
    assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
    JsonNode body = sentBody();
    assertThat(body.path("waves")).isEqualTo(GateApi.JSON.readTree("[20,100]"));
    assertThat(body.has("cutoverSteps")).isFalse();
    assertThat(body.has("windowEnd")).isFalse();
    assertThat(body.has("bakeTime")).isFalse();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "ROLLGATE_WAVES|1,ten,100|ROLLGATE_WAVES must be comma-separated percentages",
        "ROLLGATE_BAKE_TIME|soon|ROLLGATE_BAKE_TIME must be a duration",
        "ROLLGATE_WINDOW_END|tomorrow|ROLLGATE_WINDOW_END must be an ISO-8601 instant"
      })
  void aVariableTheOptionWouldRefuseIsAOneLineUsageErrorAndNothingIsSent(
      String name, String value, String message) {
    // when
    Run run = api.start(Map.of(name, value));

    // then
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip()).doesNotContain("\n").contains(message, "'" + value + "'");
    assertThat(api.received()).isEmpty();
  }

  @Test
  void aJsonPlanIsReadAsJsonAndTheWavesAndBakeTimeOptionsWinOverIt() throws Exception {
    // given
    api.startsReleases();
    Path plan =
        Files.writeString(
            dir.resolve("plan.json"),
            "{\"cutoverSteps\":[{\"name\":\"deploy\",\"kind\":\"pipeline\"}],"
                + "\"waves\":[1,10,100],\"bakeTime\":\"PT30M\"}");

    // when
    Run run = api.start("--plan", plan.toString(), "--waves", "50,100", "--bake-time", "5m");

    // then
    assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
    JsonNode body = sentBody();
    assertThat(body.path("cutoverSteps").get(0).path("kind").asText()).isEqualTo("pipeline");
    assertThat(body.path("waves")).isEqualTo(GateApi.JSON.readTree("[50,100]"));
    assertThat(body.path("bakeTime").asText()).isEqualTo("PT5M");
  }

  @ParameterizedTest(name = "{0}: {2}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          plan.yaml | 'cutoverSteps:\\n  - name: deploy\\n    kind: [ci\\n' | is not valid YAML at line
          plan.json | '{"waves": [1, 10, 100],}'                             | is not valid JSON at line 1
          plan.yaml | 'wave: [1, 10, 100]\\n'                                | has an unknown member 'wave'; a plan holds cutoverSteps, waves, bakeTime
          plan.yaml | 'cutoverSteps:\\n  - name: deploy\\n    kind: ci\\n    pipline: deploy.yml\\n' | cutoverSteps[0] has an unknown member 'pipline'; a step holds
          plan.yaml | 'cutoverSteps: deploy\\n'                              | cutoverSteps must be a list of steps
          plan.yaml | 'waves: 1,10,100\\n'                                   | waves must be a list of whole percentages
          plan.yaml | 'bakeTime: 10m\\n'                                     | bakeTime must be an ISO-8601 duration such as PT10M
          plan.yaml | '- name: deploy\\n'                                    | must be an object with cutoverSteps, waves, bakeTime
          plan.yaml | ''                                                     | is empty
          """)
  void aFileThatIsNoPlanIsOneLineNamingTheFileAndStartsNothing(
      String name, String content, String problem) throws Exception {
    // given
    Path plan = Files.writeString(dir.resolve(name), content.replace("\\n", "\n"));

    // when
    Run run = api.start("--plan", plan.toString());

    // then
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().lines()).hasSize(1);
    assertThat(run.err()).startsWith("rollgate: plan " + plan + ": ").contains(problem);
    assertThat(run.out()).isEmpty();
    assertThat(api.received()).isEmpty();
  }

  @Test
  void aPlanFileThatIsNotThereIsOneLineNamingIt() {
    // when
    Run run = api.start("--plan", dir.resolve("missing.yaml").toString());

    // then
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().lines())
        .containsExactly("rollgate: plan " + dir.resolve("missing.yaml") + ": no such file");
    assertThat(api.received()).isEmpty();
  }

  @Test
  void aWindowEndThatIsNoInstantIsAUsageErrorAndStartsNothing() {
    // when
    Run run = api.start("--window-end", "tomorrow 22:00");

    // then
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("'tomorrow 22:00' is not an ISO-8601 instant");
    assertThat(api.received()).isEmpty();
  }

  @Test
  void aStartTheServiceRefusesNamesEachFieldWithTheOptionThatGivesIt() {
    // given: a service without configured defaults, as the gate API answers a minimal start
    String required =
        "is required: give it, or configure the service's default"
            + " (rollgate.service-defaults.<service>.*)";
    api.answer(
        "/api/v1/releases",
        422,
        "{\"type\":\"about:blank\",\"title\":\"Invalid request\",\"status\":422,"
            + "\"detail\":\"bakeTime "
            + required
            + "; changeModel "
            + required
            + "; waves "
            + required
            + "\",\"instance\":\"/api/v1/releases\",\"errors\":["
            + "{\"field\":\"bakeTime\",\"message\":\""
            + required
            + "\"},{\"field\":\"changeModel\",\"message\":\""
            + required
            + "\"},{\"field\":\"waves\",\"message\":\""
            + required
            + "\"},{\"field\":\"cutoverSteps[0].pipeline\",\"message\":"
            + "\"is required for a GitHub job: a workflow file name such as deploy.yml\"}"
            + "]}");

    // when
    Run run = api.start();

    // then
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().lines())
        .containsExactly(
            "rollgate: HTTP 422: bakeTime (--bake-time or --plan), changeModel (--change-model),"
                + " waves (--waves or --plan) "
                + required
                + "; cutoverSteps[0].pipeline (--plan) is required for a GitHub job: a workflow"
                + " file name such as deploy.yml");
  }
}
