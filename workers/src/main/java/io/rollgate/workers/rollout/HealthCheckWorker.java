package io.rollgate.workers.rollout;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.camunda.client.exception.CamundaError;
import io.rollgate.connector.servicenow.ServiceNowClient;
import io.rollgate.connector.servicenow.model.Incident;
import io.rollgate.connector.servicenow.model.IncidentQuery;
import io.rollgate.processes.Lifecycle;
import java.util.List;
import java.util.Map;

/**
 * {@code health-check}: a wave is healthy while the service has no open incident at the blocking
 * priority (P1/P2 by default) in ServiceNow beyond those known when readiness was assessed (the
 * release went ahead knowing them); a new one is the model's {@code REGRESSION}, carrying its
 * number in {@code newIncidents}.
 */
final class HealthCheckWorker {

  /**
   * @param incidentNumbers the incidents open when readiness was assessed
   */
  record Input(String service, int wave, List<String> incidentNumbers) {}

  record Output(boolean healthy) {}

  private final ServiceNowClient servicenow;
  private final int maxPriority;

  HealthCheckWorker(ServiceNowClient servicenow, int maxPriority) {
    this.servicenow = servicenow;
    this.maxPriority = maxPriority;
  }

  @JobWorker(type = Lifecycle.Jobs.HEALTH_CHECK)
  public Output handle(@VariablesAsType Input input) {
    List<String> incidents =
        servicenow.openIncidents(IncidentQuery.forService(input.service(), maxPriority)).stream()
            .map(Incident::number)
            .filter(number -> !input.incidentNumbers().contains(number))
            .toList();
    if (!incidents.isEmpty()) {
      throw CamundaError.bpmnError(
          Lifecycle.Errors.REGRESSION,
          input.service()
              + " has new P1-P"
              + maxPriority
              + " incidents at wave "
              + input.wave()
              + "%: "
              + String.join(", ", incidents),
          Map.of(
              Lifecycle.Variables.HEALTHY,
              false,
              Lifecycle.Variables.NEW_INCIDENTS,
              incidents,
              Lifecycle.Variables.WAVE,
              input.wave()));
    }
    return new Output(true);
  }
}
