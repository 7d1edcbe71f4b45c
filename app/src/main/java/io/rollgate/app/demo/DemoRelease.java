package io.rollgate.app.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.rollgate.app.RollgateApplication;
import io.rollgate.processes.Lifecycle.Gates;
import io.rollgate.sandbox.ci.Behaviour;
import io.rollgate.sandbox.launcher.Sandbox;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar rollgate.jar demo [--regression]}: starts the service in the default profile
 * (embedded engine, sandbox, a fresh data directory) and drives one release through its gate API
 * the way a pipeline and a release manager would, printing each gate as it is decided. A known P2
 * incident is open on the service, so readiness says GO_WITH_RISK and a release manager (not the
 * pipeline that asked) decides the go/no-go. With {@code --regression} a P1 incident opens during
 * the second wave, the health check fails and the release rolls back. Exits 0 when the release
 * ended as the run expects.
 */
public final class DemoRelease {

  private static final String SERVICE = "checkout";
  private static final Duration TIMEOUT = Duration.ofMinutes(3);

  private final PrintStream out;
  private final boolean regression;

  DemoRelease(PrintStream out, boolean regression) {
    this.out = out;
    this.regression = regression;
  }

  /** Runs the demo; the process's exit code. */
  public static int run(List<String> args) {
    boolean regression = false;
    for (String arg : args) {
      if (arg.equals("--regression")) {
        regression = true;
      } else {
        System.err.println("rollgate demo: unknown option " + arg + "; usage: demo [--regression]");
        return 2;
      }
    }
    return new DemoRelease(System.out, regression).run() ? 0 : 1;
  }

  boolean run() {
    Path data = temporaryDirectory();
    String adminToken = "rg_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(24));
    try (ConfigurableApplicationContext service =
        new SpringApplicationBuilder(RollgateApplication.class)
            .run(
                "--rollgate.data-dir=" + data,
                "--rollgate.bootstrap.token=" + adminToken,
                "--server.port=0",
                "--logging.level.root=WARN",
                "--logging.level.io.rollgate=WARN")) {
      URI base =
          URI.create(
              "http://127.0.0.1:" + service.getEnvironment().getProperty("local.server.port"));
      out.println("Rollgate is up at " + base + " (embedded engine, sandbox)");
      GateApiClient api = new GateApiClient(base);
      out.println(health(api.get("/actuator/health", null)));
      return drive(api, adminToken, service.getBean(Sandbox.class));
    } catch (RuntimeException e) {
      out.println("The demo failed: " + e.getMessage());
      return false;
    } finally {
      deleteRecursively(data);
    }
  }

  private boolean drive(GateApiClient api, String adminToken, Sandbox sandbox) {
    String pipeline = token(api, adminToken, "shop-pipeline", "pipeline");
    String manager = token(api, adminToken, "rita-release-manager", "release-manager");
    String known =
        sandbox
            .servicenow()
            .addIncident(incident("Intermittent checkout timeouts (known, fix planned)", "2"));
    out.println("A known P2 incident " + known + " is open on " + SERVICE + ".");
    sandbox
        .ci()
        .github()
        .workflow("acme", "shop", "deploy.yml", Behaviour.succeedsAfter(Duration.ofSeconds(2)));

    JsonNode release = api.post("/api/v1/releases", pipeline, startRequest(sandbox.ciDemoCommit()));
    String id = release.path("id").asText();
    out.println(
        "Pipeline shop-pipeline started release "
            + id
            + " of "
            + SERVICE
            + " "
            + release.path("version").asText());
    String gates = "/api/v1/releases/" + id + "/gates/";

    JsonNode readiness = await(api, pipeline, gates + Gates.READINESS);
    if (!"DECIDED".equals(readiness.path("status").asText())) {
      return ended(api, pipeline, manager, id);
    }
    JsonNode cab = await(api, pipeline, gates + Gates.CAB);
    if ("DECIDED".equals(cab.path("status").asText())
        && "GO_WITH_RISK".equals(readiness.path("verdict").asText())) {
      String why = "the open P2 is known and unrelated to this change";
      out.println("  release manager rita-release-manager decides GO: " + why);
      api.post(
          gates + "go-no-go/decision",
          manager,
          Map.of(
              "decision",
              "GO",
              "justification",
              why,
              "acceptedRisks",
              List.of(readiness.path("justification").asText()),
              "risksAcceptedUntil",
              LocalDate.now(ZoneOffset.UTC).plusDays(7).toString()));
      await(api, pipeline, gates + Gates.GO_NO_GO);
    }
    Instant deadline = Instant.now().plus(TIMEOUT);
    int lastWave = 0;
    boolean incidentOpened = false;
    while (Instant.now().isBefore(deadline)) {
      JsonNode record = api.get("/api/v1/releases/" + id, pipeline);
      int wave = record.path("wavePercent").asInt(0);
      if (wave != lastWave) {
        out.println(
            line(Gates.ROLLOUT, "SERVED", "flag checkout-v2 serves " + wave + "% of users"));
        lastWave = wave;
      }
      if (regression && !incidentOpened && wave >= 50) {
        String p1 = sandbox.servicenow().addIncident(incident("Checkout errors up 4x", "1"));
        out.println("  ! P1 incident " + p1 + " opened on " + SERVICE + " during the wave");
        incidentOpened = true;
      }
      if (!record.path("endedAt").isNull() && !record.path("endedAt").isMissingNode()) {
        return ended(api, pipeline, manager, id);
      }
      sleep(Duration.ofMillis(250));
    }
    out.println("The release did not end within " + TIMEOUT.toMinutes() + " minutes.");
    return false;
  }

  /** One line: the overall status and each component's, nested ones in brackets. */
  private static String health(JsonNode health) {
    StringBuilder line = new StringBuilder("Health " + health.path("status").asText() + ":");
    health
        .path("components")
        .fields()
        .forEachRemaining(
            component -> {
              line.append(' ')
                  .append(component.getKey())
                  .append('=')
                  .append(component.getValue().path("status").asText());
              JsonNode nested = component.getValue().path("components");
              if (nested.isObject()) {
                line.append(" (");
                nested
                    .fields()
                    .forEachRemaining(
                        n ->
                            line.append(n.getKey())
                                .append('=')
                                .append(n.getValue().path("status").asText())
                                .append(' '));
                line.setLength(line.length() - 1);
                line.append(')');
              }
            });
    return line.toString();
  }

  private JsonNode await(GateApiClient api, String token, String gatePath) {
    JsonNode gate = api.get(gatePath + "?wait=PT2M", token);
    String status = gate.path("status").asText();
    out.println(
        "DECIDED".equals(status)
            ? line(
                gate.path("gate").asText(),
                gate.path("verdict").asText(),
                gate.path("justification").asText() + " [" + gate.path("actor").asText() + "]")
            : line(gate.path("gate").asText(), status, undecidedBecause(gate)));
    return gate;
  }

  private static String undecidedBecause(JsonNode gate) {
    JsonNode incident = gate.path("incident");
    return incident.isObject()
        ? "stopped at " + incident.path("element").asText() + ": " + incident.path("message")
        : "release " + gate.path("releaseState");
  }

  private boolean ended(GateApiClient api, String token, String auditor, String id) {
    JsonNode record = api.get("/api/v1/releases/" + id, token);
    String state = record.path("state").asText();
    out.println();
    out.println("Release " + id + " ended " + state + ": " + record.path("outcome").asText());
    out.println("  change " + record.path("changeNumber").asText("-") + ", gates:");
    for (JsonNode gate : record.path("gates")) {
      out.printf(
          "    %-13s %-13s by %-22s evidence sha256:%s%n",
          gate.path("gate").asText(),
          gate.path("verdict").asText(),
          gate.path("actor").asText(),
          gate.path("evidenceHash").asText().substring(0, 12));
    }
    JsonNode audit = api.get("/api/v1/audit/verify", auditor);
    out.println(
        "  decision log: "
            + audit.path("entriesChecked").asLong()
            + " entries, chain "
            + (audit.path("intact").asBoolean() ? "intact" : "BROKEN"));
    String expected = regression ? "ROLLED_BACK" : "RELEASED";
    return expected.equals(state) && audit.path("intact").asBoolean();
  }

  private String token(GateApiClient api, String adminToken, String name, String role) {
    return api.post("/api/v1/tokens", adminToken, Map.of("name", name, "roles", List.of(role)))
        .path("token")
        .asText();
  }

  private static Map<String, Object> startRequest(String commit) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("service", SERVICE);
    body.put("version", "2.14.0");
    body.put("commitSha", commit);
    body.put("environment", "production");
    body.put("changeModel", "normal");
    body.put("repository", "acme/shop");
    body.put("deployWorkflow", "deploy.yml");
    body.put("flagKey", "checkout-v2");
    body.put("waves", List.of(10, 50, 100));
    body.put("bakeTime", "PT2S");
    body.put("runbookUrl", "https://wiki.example/runbooks/checkout");
    body.put("rollbackPlanUrl", "https://wiki.example/rollback/checkout");
    body.put("testReportUrl", "https://ci.example/acme/shop/reports/latest");
    body.put("testPassRatio", 1.0);
    return body;
  }

  private static Map<String, String> incident(String description, String priority) {
    return Map.of(
        "short_description", description,
        "priority", priority,
        "business_service", SERVICE,
        "cmdb_ci", SERVICE);
  }

  private static String line(String gate, String verdict, String detail) {
    return String.format("  gate %-13s %-13s %s", gate, verdict, detail);
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
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
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary directory; the OS cleans it up eventually
    }
  }
}
