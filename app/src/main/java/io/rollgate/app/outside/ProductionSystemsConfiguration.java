package io.rollgate.app.outside;

import static io.rollgate.app.config.ConfigurationProblem.require;

import io.rollgate.app.config.ConfigurationProblem;
import io.rollgate.connector.launchdarkly.LaunchDarklySettings;
import io.rollgate.connector.launchdarkly.SdkSettings;
import io.rollgate.connector.servicenow.ServiceNowAuth;
import io.rollgate.connector.servicenow.ServiceNowConfig;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The real outside systems, from {@code rollgate.*} properties, when the sandbox is off. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "rollgate.sandbox.enabled", havingValue = "false")
class ProductionSystemsConfiguration {

  @Bean
  OutsideSystems outsideSystems(OutsideSystemsProperties properties) {
    return resolve(properties);
  }

  /**
   * @throws ConfigurationProblem naming the first required property that is missing
   */
  static OutsideSystems resolve(OutsideSystemsProperties p) {
    var sn = p.servicenow();
    var ld = p.launchdarkly();
    var gh = p.github();
    ServiceNowConfig servicenow =
        ServiceNowConfig.of(require(sn.url(), "rollgate.servicenow.url"), servicenowAuth(sn));
    LaunchDarklySettings launchDarkly =
        LaunchDarklySettings.of(
            require(ld.apiUrl(), "rollgate.launchdarkly.api-url"),
            require(ld.apiToken(), "rollgate.launchdarkly.api-token"));
    var sdkKey = require(ld.sdkKey(), "rollgate.launchdarkly.sdk-key");
    SdkSettings sdk =
        ld.sdkUrl() == null
            ? SdkSettings.launchDarkly(sdkKey)
            : SdkSettings.singleHost(sdkKey, ld.sdkUrl());
    return new OutsideSystems(
        servicenow,
        launchDarkly,
        sdk,
        require(ld.project(), "rollgate.launchdarkly.project"),
        require(ld.environment(), "rollgate.launchdarkly.environment"),
        require(gh.apiUrl(), "rollgate.github.api-url"),
        require(gh.token(), "rollgate.github.token"),
        blankToNull(sn.standardChangeTemplateId()),
        gitlab(p.gitlab()),
        jenkins(p.jenkins()));
  }

  private static OutsideSystems.CiServer gitlab(OutsideSystemsProperties.GitLab gl) {
    return gl.url() == null
        ? null
        : new OutsideSystems.CiServer(gl.url(), null, require(gl.token(), "rollgate.gitlab.token"));
  }

  private static OutsideSystems.CiServer jenkins(OutsideSystemsProperties.Jenkins j) {
    return j.url() == null
        ? null
        : new OutsideSystems.CiServer(
            j.url(),
            require(j.user(), "rollgate.jenkins.user"),
            require(j.apiToken(), "rollgate.jenkins.api-token"));
  }

  private static ServiceNowAuth servicenowAuth(OutsideSystemsProperties.ServiceNow sn) {
    if (sn.clientId() != null && !sn.clientId().isBlank()) {
      return ServiceNowAuth.clientCredentials(
          sn.clientId(), require(sn.clientSecret(), "rollgate.servicenow.client-secret"));
    }
    if (sn.username() == null || sn.username().isBlank()) {
      throw new ConfigurationProblem(
          "rollgate.servicenow.client-id", "or rollgate.servicenow.username must be set");
    }
    return ServiceNowAuth.basic(
        sn.username(), require(sn.password(), "rollgate.servicenow.password"));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
