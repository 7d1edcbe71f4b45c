package io.rollgate.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.annotation.value.JobWorkerValue;
import io.camunda.client.api.search.response.Incident;
import io.camunda.client.jobhandling.JobWorkerManager;
import io.rollgate.connector.launchdarkly.FlagRef;
import io.rollgate.connector.launchdarkly.FlagState;
import io.rollgate.processes.Lifecycle;
import io.rollgate.sandbox.ci.Behaviour;
import io.rollgate.sandbox.launchdarkly.FlagSeed;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The lifecycle's worker beans as the service runs them: jobs from the engine, effects outside. */
class ReleaseWorkersIT extends WorkersOnEngine {

  private static final String SHA = "e".repeat(40);

  @Autowired JobWorkerManager workers;

  @Test
  void opensAWorkerForEveryJobTypeWithTheSettingsTimeoutAndJobsHeld() {
    // given
    WorkerSettings settings = WORLD.settings;

    // when
    List<JobWorkerValue> opened =
        Lifecycle.Jobs.ALL.stream()
            .map(type -> workers.findJobWorkerConfigByType(type).orElseThrow())
            .toList();

    // then
    assertThat(opened)
        .allSatisfy(
            w -> {
              assertThat(w.getName()).isEqualTo("rollgate-" + w.getType());
              assertThat(w.getMaxJobsActive()).isEqualTo(settings.maxJobsActive());
              assertThat(w.getFetchVariables()).contains(Lifecycle.Variables.RELEASE_ID);
            });
    JobWorkerValue deploy = workers.findJobWorkerConfigByType(Lifecycle.Jobs.CI_RUN_JOB).get();
    assertThat(deploy.getTimeout()).isEqualTo(settings.jobTimeout().plus(settings.deployTimeout()));
    assertThat(deploy.getFetchVariables())
        .contains("repository", "version", "commitSha", "ciJob", "ciJobKey");
  }

  @Test
  void countsTheServicesOpenP1AndP2IncidentsIntoTheProcess() {
    // given
    String p1 = WORLD.servicenow.addIncident(Map.of("priority", "1", "business_service", "basket"));
    WORLD.servicenow.addIncident(Map.of("priority", "4", "business_service", "basket"));
    String process = deployOneTask(Lifecycle.Jobs.SERVICENOW_OPEN_INCIDENTS);

    // when
    Map<String, Object> result =
        runToEnd(process, Map.of("releaseId", "R-IT-1", "service", "basket"));

    // then
    assertThat(result)
        .containsEntry("openIncidents", 1)
        .containsEntry("incidentNumbers", List.of(p1));
  }

  @Test
  void findsCiNotGreenWhenTheCommitHasNoRun() {
    // given a repository whose workflow never ran on the commit
    WORLD
        .ci
        .github()
        .workflow("acme", "quiet", "build.yml", Behaviour.succeedsAfter(Duration.ZERO));
    String process = deployOneTask(Lifecycle.Jobs.CI_PIPELINE_STATUS);

    // when
    Map<String, Object> result =
        runToEnd(
            process, Map.of("releaseId", "R-IT-2", "repository", "acme/quiet", "commitSha", SHA));

    // then
    assertThat(result).containsEntry("ciGreen", false);
  }

  @Test
  void endsAFailedCutoverStepOnTheModelsErrorPath() {
    // given
    WORLD
        .ci
        .github()
        .workflow("acme", "fragile", "deploy.yml", Behaviour.failsAfter(Duration.ZERO));
    String process = deployOneTask(Lifecycle.Jobs.CI_RUN_JOB);

    // when
    runToEnd(
        process,
        Map.of(
            "releaseId", "R-IT-3",
            "repository", "acme/fragile",
            "ciJob", Map.of("name", "deploy", "kind", "ci", "pipeline", "deploy.yml"),
            "ciJobKey", "R-IT-3/deploy",
            "version", "3.0.0",
            "commitSha", SHA));

    // then
    assertThat(visited(process, "handled")).isTrue();
    assertThat(visited(process, "done")).isFalse();
    assertThat(WORLD.ci.github().dispatches())
        .anySatisfy(d -> assertThat(d.inputs()).containsEntry("version", "3.0.0"));
  }

  @Test
  void reportsARegressionWithTheNewIncidentForTheModel() {
    // given
    String fresh =
        WORLD.servicenow.addIncident(Map.of("priority", "1", "business_service", "payments"));
    String process = deployOneTask(Lifecycle.Jobs.HEALTH_CHECK);

    // when
    Map<String, Object> result =
        runToEnd(
            process,
            Map.of(
                "releaseId",
                "R-IT-4",
                "service",
                "payments",
                "wave",
                10,
                "incidentNumbers",
                List.of()));

    // then
    assertThat(visited(process, "handled")).isTrue();
    assertThat(result)
        .containsEntry("healthy", false)
        .containsEntry("newIncidents", List.of(fresh));
  }

  @Test
  void raisesAnIncidentNamingAnUnknownChangeTypeAndOpensNoChange() {
    // given
    String process = deployOneTask(Lifecycle.Jobs.SERVICENOW_CREATE_CHANGE);
    Map<String, Object> variables = new HashMap<>();
    variables.put("releaseId", "R-IT-5");
    variables.put("changeType", "minor");
    variables.put("service", "shop");
    variables.put("version", "2.4.0");
    variables.put("windowStart", "2030-05-01T22:00:00+02:00");

    // when
    long instance = start(process, variables);

    // then
    List<Incident> incidents =
        await().atMost(Duration.ofSeconds(10)).until(() -> incidents(instance), l -> !l.isEmpty());
    assertThat(incidents.get(0).getErrorMessage())
        .isEqualTo("variable 'changeType' is 'minor'; expected standard, normal or emergency");
    assertThat(WORLD.servicenow.changesWithCorrelationId("R-IT-5")).isZero();
  }

  @Test
  void servesAWaveToItsShareOfContextsThroughTheEngine() {
    // given
    String flag = "checkout-it";
    WORLD.launchDarkly.seedFlag(FlagSeed.bool("rollgate", flag));
    String process = deployOneTask(Lifecycle.Jobs.LAUNCHDARKLY_SET_ROLLOUT);

    // when
    Map<String, Object> result =
        runToEnd(process, Map.of("releaseId", "R-IT-6", "flagKey", flag, "wave", 10));

    // then
    FlagState state =
        WORLD.connections.launchDarkly().getFlag(FlagRef.of("rollgate", flag, "test"));
    assertThat(state.on()).isTrue();
    assertThat(state.rolloutWeightsById())
        .isEqualTo(Map.of(flag + "-true", 10_000, flag + "-false", 90_000));
    assertThat(result).containsEntry("flagVersion", state.version());
  }

  private List<Incident> incidents(long instance) {
    return client
        .newIncidentSearchRequest()
        .filter(f -> f.processInstanceKey(instance))
        .send()
        .join()
        .items();
  }
}
