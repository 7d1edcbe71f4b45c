package io.rollgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.annotation.Deployment;
import io.rollgate.processes.Lifecycle;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The service deploys every model and form of the lifecycle: a release whose called process or form
 * is missing would stop at it with an incident.
 */
class DeployedModelsTest {

  @Test
  void theServiceDeploysEveryResourceOfTheLifecycle() {
    // given
    Deployment deployment = RollgateApplication.class.getAnnotation(Deployment.class);

    // when
    var deployed =
        Arrays.stream(deployment.resources()).map(r -> r.replace("classpath:", "")).toList();

    // then
    assertThat(deployed).containsExactlyInAnyOrderElementsOf(Lifecycle.RESOURCES);
  }
}
