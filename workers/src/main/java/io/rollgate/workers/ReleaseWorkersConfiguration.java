package io.rollgate.workers;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.JsonMapper;
import io.camunda.client.jobhandling.CommandExceptionHandlingStrategy;
import io.camunda.client.jobhandling.JobExceptionHandlingStrategy;
import io.camunda.client.jobhandling.parameter.DefaultParameterResolverStrategy;
import io.camunda.client.metrics.MetricsRecorder;
import io.camunda.client.spring.configuration.condition.ConditionalOnCamundaClientEnabled;
import io.rollgate.processes.Lifecycle;
import io.rollgate.workers.change.ChangeWorkersConfiguration;
import io.rollgate.workers.deploy.DeployWorkersConfiguration;
import io.rollgate.workers.gate.GateWorkersConfiguration;
import io.rollgate.workers.job.ErrorPolicy;
import io.rollgate.workers.job.RecordVariables;
import io.rollgate.workers.readiness.ReadinessWorkersConfiguration;
import io.rollgate.workers.rollout.RolloutWorkersConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * The release lifecycle's job workers as {@code @JobWorker} beans, one per job type in {@link
 * Lifecycle.Jobs#ALL}, for an application that runs {@code camunda-spring-boot-starter}. Import it
 * and provide two beans:
 *
 * <ul>
 *   <li>{@link WorkerConnections}: the clients of ServiceNow, LaunchDarkly (REST and SDK) and CI;
 *   <li>{@link WorkerSettings}: project and environment of the rollouts, freeze flag, template,
 *       waits, job timeout, jobs held at once and retry back-off.
 * </ul>
 *
 * The same beans serve the embedded engine and a Camunda 8 cluster; only the {@code
 * camunda.client.*} properties differ. Worker methods run on the starter's job worker threads and
 * block them while they wait (a deploy up to {@link WorkerSettings#deployTimeout()}, a flag change
 * up to {@link WorkerSettings#propagationTimeout()}): set {@code camunda.client.execution-threads}
 * to 8 or so, or a running deploy holds up every other job type. A job is held for {@link
 * WorkerSettings#jobTimeout()} plus the worker's own longest wait, so the engine does not hand it
 * out again while it is being worked on; set timeouts through {@code WorkerSettings}, since a
 * non-default {@code camunda.client.worker.defaults.timeout} or {@code max-jobs-active} replaces
 * them for every job type ({@code camunda.client.worker.override.<job-type>.*} changes one).
 *
 * <p>Beside the workers it replaces two of the starter's strategies, for every {@code @JobWorker}
 * of the application: the {@link JobExceptionHandlingStrategy} with {@link ErrorPolicy}
 * (DESIGN.md's error policy: BPMN error, retry with back-off, or incident with a clear message),
 * and the {@link io.camunda.client.jobhandling.parameter.ParameterResolverStrategy} with {@link
 * RecordVariables}, which binds {@code @VariablesAsType} records strictly and lets every other
 * parameter resolve as the starter does. Job metrics are the starter's ({@code
 * camunda.job.invocations}, by {@code action} and {@code type}) when a {@code MeterRegistry} and
 * actuator are present.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnCamundaClientEnabled
@Import({
  ReadinessWorkersConfiguration.class,
  GateWorkersConfiguration.class,
  ChangeWorkersConfiguration.class,
  DeployWorkersConfiguration.class,
  RolloutWorkersConfiguration.class
})
public class ReleaseWorkersConfiguration {

  /** Replaces the starter's default: see {@link ErrorPolicy} for why. */
  @Bean
  JobExceptionHandlingStrategy releaseErrorPolicy(
      CommandExceptionHandlingStrategy commandExceptionHandlingStrategy,
      MetricsRecorder metricsRecorder,
      WorkerSettings settings) {
    return new ErrorPolicy(
        commandExceptionHandlingStrategy, metricsRecorder, settings.retryBackoff());
  }

  /** Replaces the starter's default: see {@link RecordVariables} for why. */
  @Bean
  RecordVariables recordVariables(JsonMapper jsonMapper, CamundaClient camundaClient) {
    return new RecordVariables(new DefaultParameterResolverStrategy(jsonMapper, camundaClient));
  }

  @Bean
  @Order(Ordered.HIGHEST_PRECEDENCE)
  WorkerValues releaseWorkerValues(WorkerSettings settings, WorkerConnections connections) {
    return new WorkerValues(settings, connections.longestChangeCreation());
  }
}
