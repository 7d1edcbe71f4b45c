package io.rollgate.workers.readiness;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.rollgate.connector.servicenow.ServiceNowClient;
import io.rollgate.connector.servicenow.model.Incident;
import io.rollgate.connector.servicenow.model.IncidentQuery;
import io.rollgate.processes.Lifecycle;
import java.util.List;

/**
 * {@code servicenow-open-incidents}: the service's active incidents at the blocking priority or
 * more urgent (P1/P2 by default). ServiceNow matches {@code service} against the incidents' {@code
 * business_service}.
 */
final class OpenIncidentsWorker {

  record Input(String service) {}

  record Output(int openIncidents, List<String> incidentNumbers) {}

  private final ServiceNowClient servicenow;
  private final int maxPriority;

  OpenIncidentsWorker(ServiceNowClient servicenow, int maxPriority) {
    this.servicenow = servicenow;
    this.maxPriority = maxPriority;
  }

  @JobWorker(type = Lifecycle.Jobs.SERVICENOW_OPEN_INCIDENTS)
  public Output handle(@VariablesAsType Input input) {
    List<String> numbers =
        servicenow.openIncidents(IncidentQuery.forService(input.service(), maxPriority)).stream()
            .map(Incident::number)
            .toList();
    return new Output(numbers.size(), numbers);
  }
}
