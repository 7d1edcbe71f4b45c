package io.rollgate.workers.rollout;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.camunda.client.exception.CamundaError;
import io.rollgate.processes.Lifecycle;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code health-check}: runs every {@link HealthCheck} on the wave (incidents in ServiceNow, the
 * service's metrics where configured) and answers the worst verdict in {@code healthVerdict}, with
 * what each check saw in {@code healthEvidence}. {@code UNHEALTHY} is the model's {@code
 * REGRESSION}, carrying any new incident in {@code newIncidents}; {@code INCONCLUSIVE} is {@code
 * HEALTH_INCONCLUSIVE}, for a person to decide: the rollout never goes on by itself on a check that
 * could not decide.
 */
final class HealthCheckWorker {

  /**
   * @param incidentNumbers the incidents open when readiness was assessed
   */
  record Input(String service, int wave, List<String> incidentNumbers) {}

  record Output(boolean healthy, String healthVerdict, String healthEvidence) {}

  private final List<HealthCheck> checks;

  HealthCheckWorker(List<HealthCheck> checks) {
    this.checks = List.copyOf(checks);
  }

  @JobWorker(type = Lifecycle.Jobs.HEALTH_CHECK)
  public Output handle(@VariablesAsType Input input) {
    HealthCheck.Wave wave =
        new HealthCheck.Wave(input.service(), input.wave(), input.incidentNumbers());
    HealthVerdict verdict =
        HealthVerdict.worstOf(
            checks.stream().map(c -> c.check(wave)).flatMap(Optional::stream).toList());
    return switch (verdict.status()) {
      case HEALTHY -> new Output(true, verdict.status().name(), verdict.evidence());
      case UNHEALTHY -> throw error(Lifecycle.Errors.REGRESSION, "is unhealthy", wave, verdict);
      case INCONCLUSIVE ->
          throw error(
              Lifecycle.Errors.HEALTH_INCONCLUSIVE,
              "has an inconclusive health check",
              wave,
              verdict);
    };
  }

  private static RuntimeException error(
      String code, String what, HealthCheck.Wave wave, HealthVerdict verdict) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(Lifecycle.Variables.HEALTHY, false);
    variables.put(Lifecycle.Variables.HEALTH_VERDICT, verdict.status().name());
    variables.put(Lifecycle.Variables.HEALTH_EVIDENCE, verdict.evidence());
    variables.put(Lifecycle.Variables.NEW_INCIDENTS, verdict.newIncidents());
    variables.put(Lifecycle.Variables.WAVE, wave.percent());
    return CamundaError.bpmnError(
        code,
        wave.service() + " " + what + " at wave " + wave.percent() + "%: " + verdict.evidence(),
        variables);
  }
}
