package io.rollgate.app.outside;

import io.rollgate.app.config.ConfigurationProblem;
import io.rollgate.connector.Resilience;
import io.rollgate.connector.ResilienceConfig;
import io.rollgate.connector.ci.github.GitHubClient;
import io.rollgate.connector.ci.gitlab.GitLabClient;
import io.rollgate.connector.ci.jenkins.JenkinsAuth;
import io.rollgate.connector.ci.jenkins.JenkinsClient;
import io.rollgate.connector.launchdarkly.FlagEvaluator;
import io.rollgate.connector.launchdarkly.LaunchDarklyClient;
import io.rollgate.connector.servicenow.ServiceNowClient;
import io.rollgate.workers.CiProviders;
import io.rollgate.workers.ReleaseWorkersConfiguration;
import io.rollgate.workers.WorkerConnections;
import io.rollgate.workers.WorkerSettings;
import io.rollgate.workers.job.RetryBackoff;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The clients of the outside systems, built once from {@link OutsideSystems} and shared by the
 * lifecycle's job workers (imported here, with the connections and settings they take) and the
 * service; each carries its system's timeouts, retries and circuit breaker.
 */
@Configuration(proxyBeanMethods = false)
@Import(ReleaseWorkersConfiguration.class)
class ConnectorsConfiguration {

  /** GitHub's name in {@code rollgate-resilience.yaml}. */
  private static final String GITHUB = "github";

  private static final String LAUNCHDARKLY = "launchdarkly";

  private static final String GITLAB = "gitlab";

  private static final String JENKINS = "jenkins";

  /** One per outside system: its circuit breaker is shared by every call and shown in health. */
  @Bean
  OutsideSystemHealth.Circuits circuits(ResilienceProperties properties) {
    ResilienceConfig config = properties.config();
    return new OutsideSystemHealth.Circuits(
        resilience(config, ServiceNowClient.SYSTEM),
        resilience(config, LAUNCHDARKLY),
        resilience(config, GITHUB));
  }

  private static Resilience resilience(ResilienceConfig config, String system) {
    return Resilience.of(system, config.settingsFor(system));
  }

  @Bean
  ServiceNowClient serviceNowClient(OutsideSystems systems, OutsideSystemHealth.Circuits circuits) {
    return new ServiceNowClient(systems.servicenow().withResilience(circuits.servicenow()));
  }

  @Bean
  LaunchDarklyClient launchDarklyClient(
      OutsideSystems systems, OutsideSystemHealth.Circuits circuits) {
    return LaunchDarklyClient.create(
        systems.launchDarkly(), circuits.launchDarkly(), Clock.systemUTC());
  }

  @Bean
  GitHubClient gitHubClient(OutsideSystems systems, OutsideSystemHealth.Circuits circuits) {
    return GitHubClient.builder(systems.githubApi().toString(), systems.githubToken())
        .resilience(circuits.github())
        .build();
  }

  /**
   * With the LaunchDarkly SDK's evaluator, which closing them stops; GitHub for every repository,
   * GitLab and Jenkins for the cutover steps that name them, when configured.
   */
  @Bean(destroyMethod = "close")
  WorkerConnections workerConnections(
      ServiceNowClient servicenow,
      LaunchDarklyClient launchDarkly,
      OutsideSystems systems,
      GitHubClient github,
      ResilienceProperties resilience) {
    ResilienceConfig config = resilience.config();
    return new WorkerConnections(
        servicenow,
        launchDarkly,
        FlagEvaluator.start(systems.sdk()),
        CiProviders.of(
            github,
            gitLabClient(systems.gitlab(), config),
            jenkinsClient(systems.jenkins(), config)));
  }

  private static GitLabClient gitLabClient(
      OutsideSystems.CiServer gitlab, ResilienceConfig config) {
    return gitlab == null
        ? null
        : GitLabClient.builder(gitlab.url().toString(), gitlab.token())
            .resilience(resilience(config, GITLAB))
            .build();
  }

  private static JenkinsClient jenkinsClient(
      OutsideSystems.CiServer jenkins, ResilienceConfig config) {
    return jenkins == null
        ? null
        : JenkinsClient.builder(
                jenkins.url().toString(), JenkinsAuth.apiToken(jenkins.user(), jenkins.token()))
            .resilience(resilience(config, JENKINS))
            .build();
  }

  /**
   * Fails the start when a call to an outside system can outlast the job that makes it: the engine
   * would hand the job to another worker while the first still retries, and the step would run
   * twice.
   */
  @Bean
  WorkerSettings workerSettings(
      OutsideSystems systems, GateProperties gates, ResilienceProperties resilience) {
    ResilienceConfig config = resilience.config();
    for (String system : List.of(ServiceNowClient.SYSTEM, LAUNCHDARKLY, GITHUB, GITLAB, JENKINS)) {
      Duration longest = config.settingsFor(system).longestCall();
      if (longest.compareTo(gates.jobTimeout()) >= 0) {
        throw new ConfigurationProblem(
            "rollgate.gates.job-timeout",
            "must be longer than the longest call to "
                + system
                + " ("
                + longest.toSeconds()
                + " s: max-attempts x call-timeout plus the longest waits between attempts, in"
                + " rollgate.resilience.file); raise it or shorten that system's retries");
      }
    }
    return WorkerSettings.of(systems.launchDarklyProject(), systems.launchDarklyEnvironment())
        .withFreezeFlagKey(gates.freezeFlag())
        .withStandardChangeTemplateId(systems.standardChangeTemplateId())
        .withMaxIncidentPriority(gates.maxIncidentPriority())
        .withDeploy(gates.deployRef(), gates.deployTimeout(), gates.deployPollInterval())
        .withPropagationTimeout(gates.propagationTimeout())
        .withJobs(
            gates.jobTimeout(),
            gates.maxJobsActive(),
            new RetryBackoff(gates.retryInitial(), gates.retryMax()))
        .withHealthMetrics(gates.healthMetrics(), gates.metricsTimeout())
        .withFlagApproval(gates.flagApprovalTimeout(), gates.flagApprovalPollInterval());
  }
}
