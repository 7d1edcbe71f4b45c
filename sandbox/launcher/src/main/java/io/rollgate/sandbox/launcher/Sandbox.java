package io.rollgate.sandbox.launcher;

import io.rollgate.sandbox.ci.CiSimulator;
import io.rollgate.sandbox.launchdarkly.EnvironmentSeed;
import io.rollgate.sandbox.launchdarkly.LaunchDarklySimulator;
import io.rollgate.sandbox.servicenow.ServiceNowSimulator;
import io.rollgate.sandbox.servicenow.SimulatorConfig;
import java.time.Duration;
import java.util.List;

/**
 * The ServiceNow, LaunchDarkly and CI simulators running together with demo data: what the demo
 * release and process tests talk to instead of real accounts. Close it to stop all three.
 */
public final class Sandbox implements AutoCloseable {

  private final ServiceNowSimulator servicenow;
  private final LaunchDarklySimulator launchdarkly;
  private final List<EnvironmentSeed> launchdarklyEnvironments;
  private final CiSimulator ci;
  private final String ciDemoCommit;

  private Sandbox(
      ServiceNowSimulator servicenow,
      LaunchDarklySimulator launchdarkly,
      List<EnvironmentSeed> launchdarklyEnvironments,
      CiSimulator ci,
      String ciDemoCommit) {
    this.servicenow = servicenow;
    this.launchdarkly = launchdarkly;
    this.launchdarklyEnvironments = launchdarklyEnvironments;
    this.ci = ci;
    this.ciDemoCommit = ciDemoCommit;
  }

  /**
   * Starts the three simulators and seeds them.
   *
   * @throws IllegalStateException when a port is taken; nothing is left running
   */
  public static Sandbox start(SandboxOptions options) {
    ServiceNowSimulator servicenow = null;
    LaunchDarklySimulator launchdarkly = null;
    try {
      SimulatorConfig config = SimulatorConfig.defaults().withPort(options.servicenowPort());
      if (options.approvalWebhook() != null) {
        config =
            config
                .withWebhook(options.approvalWebhook(), 5, Duration.ofMillis(500))
                .withWebhookSecret(options.webhookSecret());
      }
      if (options.autoApproveAfter() != null) {
        config = config.withAutoApproveAfter(options.autoApproveAfter());
      }
      servicenow = ServiceNowSimulator.start(config);
      launchdarkly = LaunchDarklySimulator.builder().port(options.launchdarklyPort()).start();
      List<EnvironmentSeed> environments = launchdarkly.seedDemo();
      CiSimulator ci = CiSimulator.builder().port(options.ciPort()).start();
      String commit = ci.seedDemo();
      return new Sandbox(servicenow, launchdarkly, environments, ci, commit);
    } catch (RuntimeException e) {
      if (launchdarkly != null) {
        launchdarkly.close();
      }
      if (servicenow != null) {
        servicenow.close();
      }
      throw e;
    }
  }

  public ServiceNowSimulator servicenow() {
    return servicenow;
  }

  public LaunchDarklySimulator launchdarkly() {
    return launchdarkly;
  }

  /** The demo's LaunchDarkly environments, {@code test} and {@code production}, with SDK keys. */
  public List<EnvironmentSeed> launchdarklyEnvironments() {
    return launchdarklyEnvironments;
  }

  public CiSimulator ci() {
    return ci;
  }

  /** The demo repository's head commit on {@code main} (acme/shop), whose build succeeded. */
  public String ciDemoCommit() {
    return ciDemoCommit;
  }

  /** What is where: base URLs, credentials of the sandbox (never real ones), admin endpoints. */
  public String describe() {
    StringBuilder out = new StringBuilder();
    out.append("ServiceNow    ")
        .append(servicenow.baseUri())
        .append("  (Basic admin/admin, OAuth client rollgate/rollgate-secret; admin ")
        .append(servicenow.adminUri())
        .append("/servicenow)\n");
    out.append("LaunchDarkly  ")
        .append(launchdarkly.baseUri())
        .append("  (API token ")
        .append(launchdarkly.apiToken());
    for (EnvironmentSeed env : launchdarklyEnvironments) {
      out.append(", SDK key ").append(env.key()).append('=').append(env.sdkKey());
    }
    out.append(")\n");
    out.append("GitHub        ")
        .append(ci.github().baseUri())
        .append("  (any bearer token; repository acme/shop)\n");
    out.append("GitLab        ")
        .append(ci.gitlab().baseUri())
        .append("/api/v4  (any PRIVATE-TOKEN; project acme/shop)\n");
    out.append("Jenkins       ")
        .append(ci.jenkins().baseUri())
        .append("  (user ")
        .append(ci.jenkins().user())
        .append(" with API token ")
        .append(ci.jenkins().apiToken())
        .append(" or password ")
        .append(ci.jenkins().password())
        .append("; job deploy-shop)\n");
    out.append(
        "Fault knobs   PUT <base>/_sandbox/faults on each; request log GET <base>/_sandbox/requests");
    return out.toString();
  }

  @Override
  public void close() {
    ci.close();
    launchdarkly.close();
    servicenow.close();
  }
}
