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

  /**
   * @param openP1 open P1 incidents: readiness says NO_GO
   * @param openP2 open incidents at P2 or the next blocking priorities: readiness says risk
   */
  record Output(int openIncidents, int openP1, int openP2, List<String> incidentNumbers) {}

  private final ServiceNowClient servicenow;
  private final int maxPriority;

  OpenIncidentsWorker(ServiceNowClient servicenow, int maxPriority) {
    this.servicenow = servicenow;
    this.maxPriority = maxPriority;
  }

  @JobWorker(type = Lifecycle.Jobs.SERVICENOW_OPEN_INCIDENTS)
  public Output handle(@VariablesAsType Input input) {
    List<Incident> open =
        servicenow.openIncidents(IncidentQuery.forService(input.service(), maxPriority));
    // An incident without a priority counts as the most urgent: readiness fails closed.
    int p1 = (int) open.stream().filter(i -> i.priority() <= 1).count();
    return new Output(
        open.size(), p1, open.size() - p1, open.stream().map(Incident::number).toList());
  }
}
