package io.rollgate.workers;

import io.rollgate.connector.ResilienceSettings;
import io.rollgate.connector.ci.CiProvider;
import io.rollgate.connector.launchdarkly.FlagEvaluator;
import io.rollgate.connector.launchdarkly.LaunchDarklyClient;
import io.rollgate.connector.servicenow.ServiceNowClient;
import java.time.Duration;
import java.util.Objects;

/**
 * The built clients of the outside systems the workers call. Build them once per process and share
 * them: each client is thread-safe and carries its system's resilience (retries, circuit breaker).
 * {@link #close()} stops the SDK's {@link FlagEvaluator}; the REST clients hold nothing to close.
 *
 * <p>Against the sandbox (the demo), for example:
 *
 * <pre>{@code
 * Sandbox sandbox = Sandbox.start(SandboxOptions.freePorts());
 * EnvironmentSeed env = sandbox.launchdarklyEnvironments().get(0); // "test": no approvals
 * URI ld = sandbox.launchdarkly().baseUri();
 * WorkerConnections connections = new WorkerConnections(
 *     new ServiceNowClient(ServiceNowConfig.of(sandbox.servicenow().baseUri(),
 *         ServiceNowAuth.basic("admin", Secret.of("admin")))),
 *     LaunchDarklyClient.create(LaunchDarklySettings.of(ld, Secret.of(sandbox.launchdarkly().apiToken()))),
 *     FlagEvaluator.start(SdkSettings.singleHost(Secret.of(env.sdkKey()), ld)),
 *     CiProviders.gitHub(GitHubClient.builder(sandbox.ci().github().baseUri().toString(),
 *         Secret.of("sandbox")).build()));
 * WorkerSettings settings = WorkerSettings.of(env.projectKey(), env.key())
 *     .withStandardChangeTemplateId(ServiceNowSimulator.DEFAULT_TEMPLATE_ID);
 * }</pre>
 *
 * @param servicenow the ServiceNow instance: changes, approvals, incidents
 * @param launchDarkly LaunchDarkly's REST API: flag targeting changes
 * @param flagEvaluator the server-side SDK of the environment in {@link
 *     WorkerSettings#launchDarklyEnvironment()}: the freeze flag and propagation checks
 * @param ci the CI provider of each repository
 */
public record WorkerConnections(
    ServiceNowClient servicenow,
    LaunchDarklyClient launchDarkly,
    FlagEvaluator flagEvaluator,
    CiProviders ci)
    implements AutoCloseable {

  public WorkerConnections {
    Objects.requireNonNull(servicenow, "servicenow");
    Objects.requireNonNull(launchDarkly, "launchDarkly");
    Objects.requireNonNull(flagEvaluator, "flagEvaluator");
    Objects.requireNonNull(ci, "ci");
  }

  /** The CI provider of {@code repository} ({@code owner/name}). */
  public CiProvider ciFor(String repository) {
    return ci.forRepository(repository);
  }

  /**
   * The longest a change creation already on its way to ServiceNow may take: each of the client's
   * attempts looks the release's change up, then creates it, each call within its timeout. An abort
   * that finds no change yet looks again until then.
   */
  public Duration longestChangeCreation() {
    ResilienceSettings settings = servicenow.config().resilience().settings();
    return settings.longestCall().plus(settings.callTimeout().multipliedBy(settings.maxAttempts()));
  }

  /** Stops the SDK client. */
  @Override
  public void close() {
    flagEvaluator.close();
  }
}
