package io.rollgate.workers.deploy;

import io.rollgate.connector.ci.WaitPolicy;
import io.rollgate.workers.WorkerConnections;
import io.rollgate.workers.WorkerSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The CI job worker ({@code ci-run-job}): the cutover steps and rollbacks that run in CI. Imported
 * by {@code ReleaseWorkersConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
public class DeployWorkersConfiguration {

  @Bean
  CiJobWorker ciJobWorker(WorkerConnections connections, WorkerSettings settings) {
    return new CiJobWorker(
        connections.ci(),
        settings.deployRef(),
        WaitPolicy.of(settings.deployTimeout(), settings.deployPollInterval()));
  }
}
