package io.rollgate.app.outside;

import io.rollgate.connector.Secret;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the outside systems are and how Rollgate signs in ({@code rollgate.servicenow.*}, {@code
 * rollgate.launchdarkly.*}, {@code rollgate.github.*}, and for cutover steps that run there {@code
 * rollgate.gitlab.*} and {@code rollgate.jenkins.*}). Read in the {@code production} profile; with
 * the sandbox on, the simulators' own addresses and credentials are used instead. Secrets bind to
 * {@link Secret}, which never shows its value.
 */
@ConfigurationProperties("rollgate")
public record OutsideSystemsProperties(
    @DefaultValue ServiceNow servicenow,
    @DefaultValue LaunchDarkly launchdarkly,
    @DefaultValue GitHub github,
    @DefaultValue GitLab gitlab,
    @DefaultValue Jenkins jenkins) {

  /**
   * @param url the instance, for example {@code https://acme.service-now.com}
   * @param username with {@code password}: HTTP Basic
   * @param clientId with {@code clientSecret}: OAuth client credentials (preferred over Basic)
   * @param standardChangeTemplateId sys_id of the template standard changes are made from
   */
  public record ServiceNow(
      URI url,
      String username,
      Secret password,
      String clientId,
      Secret clientSecret,
      String standardChangeTemplateId) {}

  /**
   * @param apiUrl the REST API
   * @param apiToken an access token that may change flag targeting
   * @param sdkKey the server SDK key of {@code environment}
   * @param sdkUrl one host for the SDK's streaming and polling (a relay proxy), or empty for
   *     LaunchDarkly's own
   * @param project the project of the rollout flags
   * @param environment the environment rollouts change
   */
  public record LaunchDarkly(
      @DefaultValue("https://app.launchdarkly.com") URI apiUrl,
      Secret apiToken,
      Secret sdkKey,
      URI sdkUrl,
      String project,
      String environment) {}

  /**
   * @param apiUrl GitHub's REST API, or a GitHub Enterprise Server's {@code /api/v3}
   * @param token a token that may read runs and dispatch workflows
   */
  public record GitHub(@DefaultValue("https://api.github.com") URI apiUrl, Secret token) {}

  /**
   * Optional: only cutover steps that name {@code gitlab} need it.
   *
   * @param url the GitLab instance, for example {@code https://gitlab.com}
   * @param token a token that may create pipelines and read them and their variables
   */
  public record GitLab(URI url, Secret token) {}

  /**
   * Optional: only cutover steps that name {@code jenkins} need it.
   *
   * @param url the Jenkins server
   * @param user the user whose API token {@code apiToken} is
   */
  public record Jenkins(URI url, String user, Secret apiToken) {}
}
