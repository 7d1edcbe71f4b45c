package io.rollgate.app.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

class EngineFailureWatchTest {
  private final ApplicationContextRunner context =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(ApplicationAvailabilityAutoConfiguration.class))
          .withBean(EngineFailureWatch.class);

  @Test
  void whileTheEngineRunsTheServiceStaysLiveAndTheEngineUp() {
    context.run(
        app -> {
          startedAsTheServiceDoes(app);

          assertThat(app.getBean(ApplicationAvailability.class).getLivenessState())
              .isEqualTo(LivenessState.CORRECT);
          assertThat(app.getBean(EngineFailureWatch.class).health().getStatus())
              .isEqualTo(Status.UP);
        });
  }

  @Test
  void anEngineThatStoppedAfterAFailureTurnsLivenessDownWithTheReason() {
    context.run(
        app -> {
          startedAsTheServiceDoes(app);

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

  /** A started Spring Boot application is live until something says otherwise. */
  private static void startedAsTheServiceDoes(ApplicationContext app) {
    AvailabilityChangeEvent.publish(app, LivenessState.CORRECT);
  }
}
