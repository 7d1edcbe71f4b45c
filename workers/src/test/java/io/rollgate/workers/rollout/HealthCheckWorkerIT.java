package io.rollgate.workers.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import io.camunda.client.exception.BpmnError;
import io.rollgate.connector.Secret;
import io.rollgate.connector.servicenow.ServiceNowAuth;
import io.rollgate.connector.servicenow.ServiceNowClient;
import io.rollgate.connector.servicenow.ServiceNowConfig;
import io.rollgate.sandbox.servicenow.ServiceNowSimulator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HealthCheckWorkerIT {

  private static final ServiceNowSimulator SIM = ServiceNowSimulator.start();
  private static final ServiceNowClient SERVICENOW =
      new ServiceNowClient(
          ServiceNowConfig.of(SIM.baseUri(), ServiceNowAuth.basic("admin", Secret.of("admin"))));

  private final HealthCheckWorker healthCheck =
      new HealthCheckWorker(List.of(new IncidentHealthCheck(SERVICENOW, 2)));

  @BeforeEach
  void reset() {
    SIM.reset();
  }

  @AfterAll
  static void stop() {
    SIM.close();
  }

  @Test
  void findsAWaveHealthyWhileOnlyMinorIncidentsAreOpen() {
    // given
    SIM.addIncident(Map.of("priority", "3", "business_service", "shop"));
    SIM.addIncident(Map.of("priority", "1", "business_service", "billing"));

    // when
    HealthCheckWorker.Output out =
        healthCheck.handle(new HealthCheckWorker.Input("shop", 10, List.of()));

    // then
    assertThat(out.healthy()).isTrue();
  }

  @Test
  void reportsARegressionWithTheIncidentWhenAP1IsOpen() {
    // given
    String number = SIM.addIncident(Map.of("priority", "1", "business_service", "shop"));

    // when / then
    assertThatThrownBy(() -> healthCheck.handle(new HealthCheckWorker.Input("shop", 50, List.of())))
        .isInstanceOfSatisfying(
            BpmnError.class,
            e -> {
              assertThat(e.getErrorCode()).isEqualTo("REGRESSION");
              assertThat(e.getMessage()).contains(number).contains("50%");
              assertThat(e.getVariables())
                  .asInstanceOf(MAP)
                  .containsEntry("healthy", false)
                  .containsEntry("newIncidents", List.of(number));
            });
  }

  @Test
  void anIncidentKnownAtReadinessIsNoRegressionButANewOneIs() {
    // given the release went ahead knowing one P2
    String known = SIM.addIncident(Map.of("priority", "2", "business_service", "shop"));

    // when / then
    assertThat(
            healthCheck.handle(new HealthCheckWorker.Input("shop", 10, List.of(known))).healthy())
        .isTrue();
    String fresh = SIM.addIncident(Map.of("priority", "1", "business_service", "shop"));
    assertThatThrownBy(
            () -> healthCheck.handle(new HealthCheckWorker.Input("shop", 50, List.of(known))))
        .isInstanceOfSatisfying(
            BpmnError.class,
            e ->
                assertThat(e.getVariables())
                    .asInstanceOf(MAP)
                    .containsEntry("newIncidents", List.of(fresh)));
  }
}
