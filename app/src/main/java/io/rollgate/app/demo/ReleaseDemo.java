package io.rollgate.app.demo;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.DeployResourceCommandStep1;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.rollgate.app.webhook.CabDecisionWebhook;
import io.rollgate.app.webhook.WebhookServer;
import io.rollgate.connector.Secret;
import io.rollgate.connector.ci.github.GitHubClient;
import io.rollgate.connector.launchdarkly.FlagEvaluator;
import io.rollgate.connector.launchdarkly.LaunchDarklyClient;
import io.rollgate.connector.launchdarkly.LaunchDarklySettings;
import io.rollgate.connector.launchdarkly.SdkSettings;
import io.rollgate.connector.servicenow.ServiceNowAuth;
import io.rollgate.connector.servicenow.ServiceNowClient;
import io.rollgate.connector.servicenow.ServiceNowConfig;
import io.rollgate.engine.RollgateEngine;
import io.rollgate.processes.Lifecycle;
import io.rollgate.sandbox.ci.Behaviour;
import io.rollgate.sandbox.launchdarkly.EnvironmentSeed;
import io.rollgate.sandbox.launcher.Sandbox;
import io.rollgate.sandbox.launcher.SandboxOptions;
import io.rollgate.sandbox.servicenow.ServiceNowSimulator;
import io.rollgate.workers.CiProviders;
import io.rollgate.workers.ReleaseWorkers;
import io.rollgate.workers.WorkerConnections;
import io.rollgate.workers.WorkerSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The main job: one release through every gate, on the embedded engine and the sandbox, printing
 * its progress. Readiness evidence from CI, ServiceNow and LaunchDarkly (a known P2 incident is
 * open, so the verdict is GO_WITH_RISK); the readiness decision; a ServiceNow change whose CAB
 * approval comes back by webhook; the release manager's go/no-go (played by the demo); the change
 * window; the deploy; three rollout waves with a bake time and a health check each; the change
 * closed with its outcome.
 *
 * <p>{@code --regression} opens a P1 incident on the service during the second wave, so its health
 * check fails and the one rollback path runs instead.
 */
public final class ReleaseDemo {

  private static final String SERVICE = "checkout";
  private static final String REPOSITORY = "acme/shop";
  private static final String FLAG = "checkout-v2";
  private static final Duration TIMEOUT = Duration.ofMinutes(3);

  private final PrintStream out;
  private final boolean regression;

  ReleaseDemo(PrintStream out, boolean regression) {
    this.out = out;
    this.regression = regression;
  }

  public static void main(String[] args) {
    // The progress lines are the output; component logs only when something goes wrong.
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    boolean regression = false;
    for (String arg : args) {
      if (arg.equals("--regression")) {
        regression = true;
      } else {
        System.err.println(
            "release-demo: unknown option " + arg + "; usage: release-demo [--regression]");
        System.exit(2);
      }
    }
    boolean expected = new ReleaseDemo(System.out, regression).run();
    System.exit(expected ? 0 : 1);
  }

  /** Runs one release; true when it ended as this run expects (released, or rolled back). */
  boolean run() {
    Path data = temporaryDirectory();
    try (RollgateEngine engine = RollgateEngine.builder().dataDirectory(data).build().start();
        CamundaClient client = client(engine.restAddress());
        WebhookServer webhooks =
            WebhookServer.start(0, new CabDecisionWebhook(client, Duration.ofMinutes(30)));
        Sandbox sandbox =
            Sandbox.start(
                new SandboxOptions(0, 0, 0, webhooks.approvalUri(), Duration.ofSeconds(2)));
        WorkerConnections connections = connections(sandbox);
        AutoCloseable workers = ReleaseWorkers.open(client, connections, settings(sandbox))) {
      out.println("Rollgate release demo");
      out.println("  engine   " + engine.restAddress() + " (Camunda 8 REST API)");
      out.println("  webhook  " + webhooks.approvalUri());
      out.println(indent(sandbox.describe()));
      deploy(client);
      String known =
          sandbox
              .servicenow()
              .addIncident(
                  Map.of(
                      "short_description",
                      "Intermittent checkout timeouts (known, fix planned)",
                      "priority",
                      "2",
                      "business_service",
                      SERVICE,
                      "cmdb_ci",
                      SERVICE));
      out.println("A known P2 incident " + known + " is open on " + SERVICE + ".");
      sandbox
          .ci()
          .github()
          .workflow("acme", "shop", "deploy.yml", Behaviour.succeedsAfter(Duration.ofSeconds(2)));
      long release = start(client, sandbox.ciDemoCommit());
      out.println(
          "Release REL-2026-11-23 of " + SERVICE + " started (process instance " + release + ")");
      return follow(client, sandbox, release);
    } catch (Exception e) {
      out.println("The demo failed: " + e);
      return false;
    } finally {
      deleteRecursively(data);
    }
  }

  private boolean follow(CamundaClient client, Sandbox sandbox, long release)
      throws InterruptedException {
    ReleaseProgress progress = new ReleaseProgress(client, out);
    Instant deadline = Instant.now().plus(TIMEOUT);
    boolean incidentOpened = false;
    while (Instant.now().isBefore(deadline)) {
      progress.poll(release);
      decideGoNoGo(client, release);
      if (regression && !incidentOpened && waveStarted(client, release, 2)) {
        sandbox
            .servicenow()
            .addIncident(
                Map.of(
                    "short_description",
                    "Checkout errors up 4x after rollout",
                    "priority",
                    "1",
                    "business_service",
                    SERVICE,
                    "cmdb_ci",
                    SERVICE));
        out.println("         !     P1 incident opened on " + SERVICE + " during wave 2");
        incidentOpened = true;
      }
      ProcessInstanceState state =
          client.newProcessInstanceGetRequest(release).send().join().getState();
      if (state != ProcessInstanceState.ACTIVE) {
        progress.poll(release);
        return summarize(client, sandbox, release);
      }
      Thread.sleep(200);
    }
    out.println("The release did not finish within " + TIMEOUT.toMinutes() + " minutes.");
    return false;
  }

  /** Plays the release manager: reads the evidence on the go/no-go task and decides. */
  private void decideGoNoGo(CamundaClient client, long release) {
    var tasks =
        client
            .newUserTaskSearchRequest()
            .filter(
                f ->
                    f.processInstanceKey(release)
                        .elementId(Lifecycle.UserTasks.GO_NO_GO)
                        .state(io.camunda.client.api.search.enums.UserTaskState.CREATED))
            .send()
            .join()
            .items();
    for (var task : tasks) {
      String justification = "the open P2 is known and unrelated to this change";
      out.println(
          "         >     release manager decides GO on \""
              + task.getName()
              + "\": "
              + justification);
      client
          .newCompleteUserTaskCommand(task.getUserTaskKey())
          .variables(
              Map.of(
                  Lifecycle.Variables.GO_DECISION,
                  "GO",
                  Lifecycle.Variables.JUSTIFICATION,
                  justification))
          .send()
          .join();
    }
  }

  private static boolean waveStarted(CamundaClient client, long release, int wave) {
    return client
            .newElementInstanceSearchRequest()
            .filter(f -> f.processInstanceKey(release).elementId("setRollout"))
            .send()
            .join()
            .items()
            .size()
        >= wave;
  }

  private boolean summarize(CamundaClient client, Sandbox sandbox, long release) {
    List<String> ends =
        client
            .newElementInstanceSearchRequest()
            .filter(
                f ->
                    f.processInstanceKey(release).elementId(regression ? "rolledBack" : "released"))
            .send()
            .join()
            .items()
            .stream()
            .map(e -> e.getElementId())
            .toList();
    out.println();
    out.println("Outcome: " + (ends.isEmpty() ? "unexpected end" : ends.get(0)));
    for (var change : sandbox.servicenow().changes()) {
      out.println(
          "  ServiceNow "
              + change.path("number").path("value").asText()
              + ": "
              + change.path("state").path("display_value").asText()
              + ", approval "
              + change.path("approval").path("value").asText()
              + ", close code "
              + change.path("close_code").path("value").asText("-"));
    }
    out.println(
        "  LaunchDarkly "
            + FLAG
            + " in test: version "
            + sandbox.launchdarkly().flagVersion("rollgate", FLAG, "test"));
    return !ends.isEmpty();
  }

  private static void deploy(CamundaClient client) {
    DeployResourceCommandStep1.DeployResourceCommandStep2 deploy = null;
    for (String resource : Lifecycle.RESOURCES) {
      deploy =
          deploy == null
              ? client.newDeployResourceCommand().addResourceFromClasspath(resource)
              : deploy.addResourceFromClasspath(resource);
    }
    deploy.send().join();
  }

  private static long start(CamundaClient client, String commit) {
    Map<String, Object> v = new HashMap<>();
    v.put(Lifecycle.Variables.RELEASE_ID, "REL-2026-11-23");
    v.put(Lifecycle.Variables.SERVICE, SERVICE);
    v.put(Lifecycle.Variables.VERSION, "2.14.0");
    v.put(Lifecycle.Variables.COMMIT_SHA, commit);
    v.put(Lifecycle.Variables.REPOSITORY, REPOSITORY);
    v.put(Lifecycle.Variables.DEPLOY_WORKFLOW, "deploy.yml");
    v.put(Lifecycle.Variables.FLAG_KEY, FLAG);
    v.put(Lifecycle.Variables.CHANGE_TYPE, "normal");
    v.put(Lifecycle.Variables.WINDOW_START, Instant.now().plusSeconds(5).toString());
    v.put(Lifecycle.Variables.WAVES, List.of(10, 50, 100));
    v.put(Lifecycle.Variables.BAKE_TIME, "PT2S");
    v.put(Lifecycle.Variables.APPROVAL_POLL_INTERVAL, "PT30S");
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId(Lifecycle.Processes.RELEASE)
        .latestVersion()
        .variables(v)
        .send()
        .join()
        .getProcessInstanceKey();
  }

  private static WorkerConnections connections(Sandbox sandbox) {
    EnvironmentSeed test = sandbox.launchdarklyEnvironments().get(0);
    URI ld = sandbox.launchdarkly().baseUri();
    return new WorkerConnections(
        new ServiceNowClient(
            ServiceNowConfig.of(
                sandbox.servicenow().baseUri(), ServiceNowAuth.basic("admin", Secret.of("admin")))),
        LaunchDarklyClient.create(
            LaunchDarklySettings.of(ld, Secret.of(sandbox.launchdarkly().apiToken()))),
        FlagEvaluator.start(SdkSettings.singleHost(Secret.of(test.sdkKey()), ld)),
        CiProviders.gitHub(
            GitHubClient.builder(sandbox.ci().github().baseUri().toString(), Secret.of("sandbox"))
                .build()));
  }

  private static WorkerSettings settings(Sandbox sandbox) {
    EnvironmentSeed test = sandbox.launchdarklyEnvironments().get(0);
    return WorkerSettings.of(test.projectKey(), test.key())
        .withStandardChangeTemplateId(ServiceNowSimulator.DEFAULT_TEMPLATE_ID)
        .withDeploy("main", Duration.ofMinutes(2), Duration.ofMillis(500));
  }

  private static CamundaClient client(URI restAddress) {
    return CamundaClient.newClientBuilder()
        .restAddress(restAddress)
        .grpcAddress(URI.create("http://127.0.0.1:1"))
        .preferRestOverGrpc(true)
        .defaultJobWorkerStreamEnabled(false)
        .defaultJobPollInterval(Duration.ofMillis(100))
        .numJobWorkerExecutionThreads(4)
        .build();
  }

  private static String indent(String text) {
    return "  " + text.replace("\n", "\n  ");
  }

  private static Path temporaryDirectory() {
    try {
      return Files.createTempDirectory("rollgate-demo");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteRecursively(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary directory; the OS cleans it up eventually
    }
  }
}
