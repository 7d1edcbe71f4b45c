package io.rollgate.workers.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.api.search.response.Incident;
import io.rollgate.connector.launchdarkly.FlagRef;
import io.rollgate.connector.launchdarkly.FlagState;
import io.rollgate.connector.servicenow.model.ChangeState;
import io.rollgate.processes.Lifecycle.Variables;
import io.rollgate.sandbox.ci.Behaviour;
import io.rollgate.workers.LifecycleOnEngine;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/** A release whose wave health cannot be decided, end to end on the engine and simulators. */
class HealthGateIT extends LifecycleOnEngine {

  @Test
  void anInconclusiveHealthCheckStopsTheRolloutAtItsWaveWithTheEvidence() {
    // given a service whose metrics endpoint has no data, rolled out in two waves
    service = World.SERVICE_WITHOUT_METRICS_DATA;
    long instance =
        startRelease(
            "standard",
            false,
            Behaviour.succeedsAfter(Duration.ZERO),
            Map.of(Variables.WAVES, List.of(10, 100)));

    // when the first wave's health is checked
    Incident incident = awaitIncident(instance, "healthCheck");

    // then the release stops there with the evidence: the flag serves the first wave only, and
    // the change stays open
    assertThat(incident.getErrorMessage())
        .contains("HEALTH_INCONCLUSIVE")
        .contains("no data for http_error_ratio");
    FlagState flag =
        WORLD.connections.launchDarkly().getFlag(FlagRef.of("rollgate", service + "-flag", "test"));
    assertThat(flag.rolloutWeightsById()).containsEntry(service + "-flag-true", 10_000);
    assertThat(change().state()).isEqualTo(ChangeState.IMPLEMENT);
  }

  private Incident awaitIncident(long instance, String elementId) {
    try {
      return await()
          .atMost(Duration.ofSeconds(90))
          .until(
              () ->
                  client
                      .newIncidentSearchRequest()
                      .filter(f -> f.processInstanceKey(instance).elementId(elementId))
                      .send()
                      .join()
                      .items(),
              found -> !found.isEmpty())
          .get(0);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "no incident at " + elementId + "; the release: " + describe(instance), e);
    }
  }
}
