package io.rollgate.app.outside;

import io.rollgate.connector.ci.github.GitHubClient;
import io.rollgate.connector.launchdarkly.FlagEvaluator;
import io.rollgate.connector.launchdarkly.LaunchDarklyClient;
import io.rollgate.connector.servicenow.ServiceNowClient;
import io.rollgate.workers.CiProviders;
import io.rollgate.workers.WorkerConnections;
import io.rollgate.workers.WorkerSettings;
import io.rollgate.workers.job.RetryBackoff;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The clients of the outside systems, built once from {@link OutsideSystems} and shared by the
 * workers and the service; each carries its system's timeouts, retries and circuit breaker.
 */
@Configuration(proxyBeanMethods = false)
class ConnectorsConfiguration {

  @Bean
  ServiceNowClient serviceNowClient(OutsideSystems systems) {
    return new ServiceNowClient(systems.servicenow());
  }

  @Bean
  LaunchDarklyClient launchDarklyClient(OutsideSystems systems) {
    return LaunchDarklyClient.create(systems.launchDarkly());
  }

  @Bean(destroyMethod = "close")
  FlagEvaluator flagEvaluator(OutsideSystems systems) {
    return FlagEvaluator.start(systems.sdk());
  }

  @Bean
  GitHubClient gitHubClient(OutsideSystems systems) {
    return GitHubClient.builder(systems.githubApi().toString(), systems.githubToken()).build();
  }

  /** Closed with the evaluator above, not here. */
  @Bean(destroyMethod = "")
  WorkerConnections workerConnections(
      ServiceNowClient servicenow,
      LaunchDarklyClient launchDarkly,
      FlagEvaluator flagEvaluator,
      GitHubClient github) {
    return new WorkerConnections(
        servicenow, launchDarkly, flagEvaluator, CiProviders.gitHub(github));
  }

  @Bean
  WorkerSettings workerSettings(OutsideSystems systems, GateProperties gates) {
    return WorkerSettings.of(systems.launchDarklyProject(), systems.launchDarklyEnvironment())
        .withFreezeFlagKey(gates.freezeFlag())
        .withStandardChangeTemplateId(systems.standardChangeTemplateId())
        .withMaxIncidentPriority(gates.maxIncidentPriority())
        .withDeploy(gates.deployRef(), gates.deployTimeout(), gates.deployPollInterval())
        .withPropagationTimeout(gates.propagationTimeout())
        .withJobs(
            gates.jobTimeout(),
            gates.maxJobsActive(),
            new RetryBackoff(gates.retryInitial(), gates.retryMax()));
  }
}
