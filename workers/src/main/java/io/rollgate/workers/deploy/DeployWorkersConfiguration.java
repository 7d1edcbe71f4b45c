package io.rollgate.workers.deploy;

import io.rollgate.connector.ci.WaitPolicy;
import io.rollgate.workers.WorkerConnections;
import io.rollgate.workers.WorkerSettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The deploy worker ({@code ci-deploy}): the deploy workflow of the release's repository. Imported
 * by {@code ReleaseWorkersConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
public class DeployWorkersConfiguration {

  @Bean
  DeployWorker deployWorker(WorkerConnections connections, WorkerSettings settings) {
    return new DeployWorker(
        connections.ci(),
        settings.deployRef(),
        WaitPolicy.of(settings.deployTimeout(), settings.deployPollInterval()));
  }
}
