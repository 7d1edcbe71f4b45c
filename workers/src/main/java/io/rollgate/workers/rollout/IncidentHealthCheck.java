package io.rollgate.workers.rollout;

import io.rollgate.connector.servicenow.ServiceNowClient;
import io.rollgate.connector.servicenow.model.Incident;
import io.rollgate.connector.servicenow.model.IncidentQuery;
import java.util.List;
import java.util.Optional;

/**
 * Healthy while the service has no open incident at the blocking priority (P1/P2 by default) in
 * ServiceNow beyond those known when readiness was assessed. A ServiceNow that cannot be read fails
 * the job (retried, then an incident), as every ServiceNow call does.
 */
final class IncidentHealthCheck implements HealthCheck {

  private final ServiceNowClient servicenow;
  private final int maxPriority;

  IncidentHealthCheck(ServiceNowClient servicenow, int maxPriority) {
    this.servicenow = servicenow;
    this.maxPriority = maxPriority;
  }

  @Override
  public Optional<HealthVerdict> check(Wave wave) {
    List<String> incidents =
        servicenow.openIncidents(IncidentQuery.forService(wave.service(), maxPriority)).stream()
            .map(Incident::number)
            .filter(number -> !wave.knownIncidents().contains(number))
            .toList();
    if (incidents.isEmpty()) {
      return Optional.of(
          HealthVerdict.healthy("no new P1-P" + maxPriority + " incident on " + wave.service()));
    }
    return Optional.of(
        new HealthVerdict(
            HealthVerdict.Status.UNHEALTHY,
            "new P1-P"
                + maxPriority
                + " incidents on "
                + wave.service()
                + ": "
                + String.join(", ", incidents),
            incidents));
  }
}
