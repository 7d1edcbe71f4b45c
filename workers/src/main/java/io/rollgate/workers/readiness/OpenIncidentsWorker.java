package io.rollgate.workers.readiness;

import io.rollgate.connector.servicenow.ServiceNowClient;
import io.rollgate.connector.servicenow.model.Incident;
import io.rollgate.connector.servicenow.model.IncidentQuery;
import io.rollgate.processes.Lifecycle;
import io.rollgate.workers.job.Worker;
import java.util.List;

/**
 * {@code servicenow-open-incidents}: the service's active incidents at the blocking priority or
 * more urgent (P1/P2 by default). ServiceNow matches {@code service} against the incidents' {@code
 * business_service}.
 */
final class OpenIncidentsWorker
    implements Worker<OpenIncidentsWorker.Input, OpenIncidentsWorker.Output> {

  record Input(String service) {}

  record Output(int openIncidents, List<String> incidentNumbers) {}

  private final ServiceNowClient servicenow;
  private final int maxPriority;

  OpenIncidentsWorker(ServiceNowClient servicenow, int maxPriority) {
    this.servicenow = servicenow;
    this.maxPriority = maxPriority;
  }

  @Override
  public String jobType() {
    return Lifecycle.Jobs.SERVICENOW_OPEN_INCIDENTS;
  }

  @Override
  public Class<Input> inputType() {
    return Input.class;
  }

  @Override
  public Output handle(Input input) {
    List<String> numbers =
        servicenow.openIncidents(IncidentQuery.forService(input.service(), maxPriority)).stream()
            .map(Incident::number)
            .toList();
    return new Output(numbers.size(), numbers);
  }
}
