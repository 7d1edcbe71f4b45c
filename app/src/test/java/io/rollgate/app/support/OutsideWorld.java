package io.rollgate.app.support;

import io.rollgate.sandbox.ci.Behaviour;
import io.rollgate.sandbox.launchdarkly.EnvironmentSeed;
import io.rollgate.sandbox.launchdarkly.FlagSeed;
import io.rollgate.sandbox.launcher.Sandbox;
import io.rollgate.sandbox.launcher.SandboxOptions;
import io.rollgate.sandbox.servicenow.ServiceNowSimulator;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * ServiceNow, LaunchDarkly and GitHub as a production service meets them: simulators started by the
 * test, reached only through the {@code rollgate.*} properties a deployment would set. The CAB
 * approves a change a second after it is asked; GitHub's deploy workflow succeeds.
 */
public final class OutsideWorld implements AutoCloseable {

  public static final String WEBHOOK_SECRET = "whsec-production-test-0123456789abcdef";

  private final Sandbox sandbox;

  private OutsideWorld(Sandbox sandbox) {
    this.sandbox = sandbox;
  }

  public static OutsideWorld start() {
    Sandbox sandbox = Sandbox.start(new SandboxOptions(0, 0, 0, null, Duration.ofSeconds(1), null));
    OutsideWorld world = new OutsideWorld(sandbox);
    world.deployTakes(Duration.ofMillis(500));
    return world;
  }

  public Sandbox sandbox() {
    return sandbox;
  }

  /** What an operator sets for production, pointing at these systems. */
  public Map<String, String> properties() {
    EnvironmentSeed environment = sandbox.launchdarklyEnvironments().get(0);
    URI launchDarkly = sandbox.launchdarkly().baseUri();
    Map<String, String> p = new LinkedHashMap<>();
    p.put("rollgate.servicenow.url", sandbox.servicenow().baseUri().toString());
    p.put("rollgate.servicenow.username", "admin");
    p.put("rollgate.servicenow.password", "admin");
    p.put(
        "rollgate.servicenow.standard-change-template-id", ServiceNowSimulator.DEFAULT_TEMPLATE_ID);
    p.put("rollgate.launchdarkly.api-url", launchDarkly.toString());
    p.put("rollgate.launchdarkly.api-token", sandbox.launchdarkly().apiToken());
    p.put("rollgate.launchdarkly.sdk-key", environment.sdkKey());
    p.put("rollgate.launchdarkly.sdk-url", launchDarkly.toString());
    p.put("rollgate.launchdarkly.project", environment.projectKey());
    p.put("rollgate.launchdarkly.environment", environment.key());
    p.put("rollgate.github.api-url", sandbox.ci().github().baseUri().toString());
    p.put("rollgate.github.token", "sandbox");
    p.put("rollgate.webhooks.servicenow.secret", WEBHOOK_SECRET);
    p.put("rollgate.gates.deploy-poll-interval", "200ms");
    return p;
  }

  /** ServiceNow calls the service at {@code base} back when the CAB decides. */
  public void sendApprovalsTo(URI base) {
    sandbox
        .servicenow()
        .sendWebhooksTo(base.resolve("/api/v1/webhooks/servicenow"), WEBHOOK_SECRET);
  }

  /** GitHub's deploy workflow runs this long before it succeeds. */
  public void deployTakes(Duration duration) {
    sandbox.ci().github().workflow("acme", "shop", "deploy.yml", Behaviour.succeedsAfter(duration));
  }

  /** A known incident on the service, so readiness says GO_WITH_RISK. */
  public String openIncident(String service, String priority) {
    return openIncident(sandbox, service, priority);
  }

  /**
   * An incident on the service in {@code sandbox}'s ServiceNow: a known one before readiness, a
   * regression once the rollout began.
   */
  public static String openIncident(Sandbox sandbox, String service, String priority) {
    return sandbox
        .servicenow()
        .addIncident(
            Map.of(
                "short_description", "Known issue on " + service,
                "priority", priority,
                "business_service", service,
                "cmdb_ci", service));
  }

  /**
   * A new boolean flag in LaunchDarkly's release environment, targeting off (version 1), for a
   * release of its own to roll out; its key.
   */
  public String createFlag(String key) {
    EnvironmentSeed environment = sandbox.launchdarklyEnvironments().get(0);
    sandbox.launchdarkly().seedFlag(FlagSeed.bool(environment.projectKey(), key));
    return key;
  }

  /** A start request for {@code service} at the demo commit, rolled out by one flag. */
  public Map<String, Object> releaseRequest(String service, String version) {
    Map<String, Object> body = ReleaseRequests.request(service, version);
    body.put("commitSha", sandbox.ciDemoCommit());
    body.put("testReportUrl", "https://ci.example/acme/shop/reports/latest");
    return body;
  }

  @Override
  public void close() {
    sandbox.close();
  }
}
