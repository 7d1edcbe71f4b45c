package io.rollgate.app.sandbox;

import io.rollgate.app.outside.OutsideSystems;
import io.rollgate.connector.Secret;
import io.rollgate.connector.launchdarkly.LaunchDarklySettings;
import io.rollgate.connector.launchdarkly.SdkSettings;
import io.rollgate.connector.servicenow.ServiceNowAuth;
import io.rollgate.connector.servicenow.ServiceNowConfig;
import io.rollgate.sandbox.launchdarkly.EnvironmentSeed;
import io.rollgate.sandbox.launcher.Sandbox;
import io.rollgate.sandbox.launcher.SandboxOptions;
import io.rollgate.sandbox.servicenow.ServiceNowSimulator;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The sandbox in the service's process: ServiceNow, LaunchDarkly and CI simulators with demo data,
 * and the outside systems resolved to them with the simulators' own credentials.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "rollgate.sandbox.enabled", havingValue = "true")
class SandboxConfiguration {

  private static final Logger LOG = LoggerFactory.getLogger(SandboxConfiguration.class);

  /** The sandbox's first LaunchDarkly environment asks for no approvals. */
  private static final int ROLLOUT_ENVIRONMENT = 0;

  @Bean(destroyMethod = "close")
  Sandbox sandbox(SandboxProperties properties) {
    Sandbox sandbox =
        Sandbox.start(
            new SandboxOptions(
                properties.servicenowPort(),
                properties.launchdarklyPort(),
                properties.ciPort(),
                null,
                properties.autoApproveAfter(),
                null));
    LOG.info("sandbox started\n{}", sandbox.describe());
    return sandbox;
  }

  @Bean
  OutsideSystems outsideSystems(Sandbox sandbox) {
    EnvironmentSeed environment = sandbox.launchdarklyEnvironments().get(ROLLOUT_ENVIRONMENT);
    URI launchDarkly = sandbox.launchdarkly().baseUri();
    return new OutsideSystems(
        ServiceNowConfig.of(
            sandbox.servicenow().baseUri(), ServiceNowAuth.basic("admin", Secret.of("admin"))),
        LaunchDarklySettings.of(launchDarkly, Secret.of(sandbox.launchdarkly().apiToken())),
        SdkSettings.singleHost(Secret.of(environment.sdkKey()), launchDarkly),
        environment.projectKey(),
        environment.key(),
        sandbox.ci().github().baseUri(),
        Secret.of("sandbox"),
        ServiceNowSimulator.DEFAULT_TEMPLATE_ID,
        new OutsideSystems.CiServer(
            sandbox.ci().gitlab().baseUri(), null, Secret.of("glpat-sandbox")),
        new OutsideSystems.CiServer(
            sandbox.ci().jenkins().baseUri(),
            sandbox.ci().jenkins().user(),
            Secret.of(sandbox.ci().jenkins().apiToken())));
  }
}
