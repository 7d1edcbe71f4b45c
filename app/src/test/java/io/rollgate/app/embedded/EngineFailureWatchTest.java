package io.rollgate.app.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class EngineFailureWatchTest {
  private final ApplicationContextRunner context =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(ApplicationAvailabilityAutoConfiguration.class))
          .withBean(EngineFailureWatch.class);

  @Test
  void whileTheEngineRunsTheEngineIsUp() {
    context.run(
        app -> {
          assertThat(app.getBean(ApplicationAvailability.class).getLivenessState())
              .isNotEqualTo(LivenessState.BROKEN);
          assertThat(app.getBean(EngineFailureWatch.class).health().getStatus())
              .isEqualTo(Status.UP);
        });
  }

  @Test
  void anEngineThatStoppedAfterAFailureTurnsLivenessDownWithTheReason() {
    context.run(
        app -> {
          // when: the engine's journal could not be written
          app.getBean(EngineFailureWatch.class)
              .engineStopped(new IOException("No space left on device"));

          // then: the supervisor sees a broken service and the health page says why
          assertThat(app.getBean(ApplicationAvailability.class).getLivenessState())
              .isEqualTo(LivenessState.BROKEN);
          var health = app.getBean(EngineFailureWatch.class).health();
          assertThat(health.getStatus()).isEqualTo(Status.DOWN);
          assertThat(health.getDetails().get("failure").toString())
              .contains("No space left on device");
        });
  }
}
