package io.rollgate.app.outside;

import io.rollgate.connector.Secret;
import io.rollgate.connector.launchdarkly.LaunchDarklySettings;
import io.rollgate.connector.launchdarkly.SdkSettings;
import io.rollgate.connector.servicenow.ServiceNowConfig;
import java.net.URI;
import java.util.Objects;

/**
 * The outside systems this service talks to, resolved: from {@link OutsideSystemsProperties} in
 * production, from the running simulators with the sandbox on. The connectors are built from this
 * alone, so both ways run the same code.
 *
 * @param launchDarklyProject the project of the rollout flags
 * @param launchDarklyEnvironment the environment rollouts change, the one {@code sdk}'s key is of
 * @param standardChangeTemplateId the standard change template, or null when none is configured
 * @param gitlab GitLab for cutover steps, or null when none is configured
 * @param jenkins Jenkins for cutover steps, or null when none is configured
 */
public record OutsideSystems(
    ServiceNowConfig servicenow,
    LaunchDarklySettings launchDarkly,
    SdkSettings sdk,
    String launchDarklyProject,
    String launchDarklyEnvironment,
    URI githubApi,
    Secret githubToken,
    String standardChangeTemplateId,
    CiServer gitlab,
    CiServer jenkins) {

  /**
   * A CI server cutover steps may run on.
   *
   * @param user the Jenkins user of {@code token}; null for GitLab
   */
  public record CiServer(URI url, String user, Secret token) {
    public CiServer {
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(token, "token");
    }
  }

  public OutsideSystems {
    Objects.requireNonNull(servicenow, "servicenow");
    Objects.requireNonNull(launchDarkly, "launchDarkly");
    Objects.requireNonNull(sdk, "sdk");
    Objects.requireNonNull(launchDarklyProject, "launchDarklyProject");
    Objects.requireNonNull(launchDarklyEnvironment, "launchDarklyEnvironment");
    Objects.requireNonNull(githubApi, "githubApi");
    Objects.requireNonNull(githubToken, "githubToken");
  }
}
