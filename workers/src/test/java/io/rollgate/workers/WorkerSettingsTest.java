package io.rollgate.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rollgate.connector.ResilienceConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkerSettingsTest {

  @Test
  void defaultsFreezeOnReleaseFreezeFlagAndBlockOnP1AndP2() {
    // given / when
    WorkerSettings settings = WorkerSettings.of("rollgate", "production");

    // then
    assertThat(settings.freezeFlagKey()).isEqualTo("release-freeze");
    assertThat(settings.maxIncidentPriority()).isEqualTo(2);
    assertThat(settings.deployTimeout()).isEqualTo(Duration.ofMinutes(10));
    assertThat(settings.standardChangeTemplateId()).isNull();
  }

  @Test
  void defaultJobTimeoutOutlastsTheLongestCallToEveryOutsideSystem() {
    // given the built-in retries of each outside system
    ResilienceConfig resilience = ResilienceConfig.builtIn();
    WorkerSettings settings = WorkerSettings.of("rollgate", "production");

    // then a job is not handed to another worker while its call still retries
    for (String system : List.of("servicenow", "launchdarkly", "github", "gitlab", "jenkins")) {
      assertThat(settings.jobTimeout())
          .as(system)
          .isGreaterThan(resilience.settingsFor(system).longestCall());
    }
  }

  @Test
  void refusesAPollIntervalLongerThanTheDeployTimeout() {
    // given
    WorkerSettings settings = WorkerSettings.of("rollgate", "production");

    // when / then
    assertThatThrownBy(
            () -> settings.withDeploy("main", Duration.ofSeconds(5), Duration.ofSeconds(10)))
        .hasMessageContaining("deployPollInterval");
  }

  @Test
  void refusesAMissingLaunchDarklyEnvironment() {
    // given / when / then
    assertThatThrownBy(() -> WorkerSettings.of("rollgate", " "))
        .hasMessage("launchDarklyEnvironment must be set");
  }
}
