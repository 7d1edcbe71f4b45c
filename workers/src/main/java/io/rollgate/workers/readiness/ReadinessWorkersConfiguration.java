package io.rollgate.workers.readiness;

import io.rollgate.workers.WorkerConnections;
import io.rollgate.workers.WorkerSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The readiness evidence workers: CI status of the commit ({@code ci-pipeline-status}), open P1/P2
 * incidents ({@code servicenow-open-incidents}) and the release freeze flag ({@code
 * launchdarkly-freeze-flag}). Imported by {@code ReleaseWorkersConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
public class ReadinessWorkersConfiguration {

  @Bean
  PipelineStatusWorker pipelineStatusWorker(WorkerConnections connections) {
    return new PipelineStatusWorker(connections.ci());
  }

  @Bean
  OpenIncidentsWorker openIncidentsWorker(WorkerConnections connections, WorkerSettings settings) {
    return new OpenIncidentsWorker(connections.servicenow(), settings.maxIncidentPriority());
  }

  @Bean
  FreezeFlagWorker freezeFlagWorker(WorkerConnections connections, WorkerSettings settings) {
    return new FreezeFlagWorker(connections.flagEvaluator(), settings.freezeFlagKey());
  }
}
