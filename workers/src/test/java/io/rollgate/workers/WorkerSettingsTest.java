package io.rollgate.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
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
