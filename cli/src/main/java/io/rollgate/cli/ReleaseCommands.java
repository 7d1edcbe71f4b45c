package io.rollgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code rollgate release start|status|abort|retry|list}. */
@Command(
    name = "release",
    description = "Start, follow, stop, retry and list releases.",
    mixinStandardHelpOptions = true)
final class ReleaseCommands {

  @ParentCommand Rollgate root;

  @Command(
      name = "start",
      description = {
        "Start a release. With --wait, print one line per gate as it decides and exit with the"
            + " release's outcome.",
        "A retried pipeline step does not start a second release: the Idempotency-Key defaults to"
            + " one derived from the release and the CI run (GitHub, GitLab, Jenkins)."
      },
      mixinStandardHelpOptions = false)
  int start(
      @Option(
              names = {"-h", "--help"},
              usageHelp = true,
              description = "Show this help message and exit.")
          boolean help,
      @Option(names = "--service", required = true, description = "the service released")
          String service,
      @Option(names = "--version", required = true, description = "the version released")
          String version,
      @Option(names = "--commit", required = true, description = "the full 40-character commit SHA")
          String commit,
      @Option(names = "--env", required = true, description = "where it goes, e.g. production")
          String environment,
      @Option(
              names = "--change-model",
              description = "standard, normal or emergency (default: the service's)")
          String changeModel,
      @Option(
              names = "--repository",
              description = "owner/name of the repository that deploys it (default: the CI's own)")
          String repository,
      @Option(
              names = "--deploy-workflow",
              defaultValue = "deploy.yml",
              description = "the deploy workflow (default: ${DEFAULT-VALUE})")
          String deployWorkflow,
      @Option(names = "--flag", description = "the rollout flag (default: the service)")
          String flag,
      @Option(
              names = "--waves",
              split = ",",
              description =
                  "rollout percentages, rising to 100 (default: the plan's, else $ROLLGATE_WAVES,"
                      + " else the service's)")
          List<Integer> waves,
      @Option(
              names = "--bake-time",
              converter = Durations.class,
              description =
                  "how long each wave runs before its health check (default: the plan's, else"
                      + " $ROLLGATE_BAKE_TIME, else the service's)")
          Duration bakeTime,
      @Option(
              names = "--ci-workflow",
              description =
                  "the workflow whose run on the commit readiness counts, e.g. build.yml"
                      + " (default: the service's, else every workflow run on the commit)")
          String ciWorkflow,
      @Option(
              names = "--window-start",
              paramLabel = "TIME",
              converter = Instants.class,
              description =
                  "when the change window opens, ISO-8601 (default: $ROLLGATE_WINDOW_START, else"
                      + " now)")
          Instant windowStart,
      @Option(
              names = "--window-end",
              paramLabel = "TIME",
              converter = Instants.class,
              description =
                  "when it closes, ISO-8601; a release whose cutover has not begun by then holds"
                      + " for a release manager (default: $ROLLGATE_WINDOW_END, else no end)")
          Instant windowEnd,
      @Option(
              names = "--plan",
              paramLabel = "FILE",
              description =
                  "a JSON or YAML file with the cutover steps and rollout as the gate API takes"
                      + " them (cutoverSteps, waves, bakeTime); --waves and --bake-time win over"
                      + " it (default: $ROLLGATE_PLAN, else the service's)")
          Path plan,
      @Option(
              names = "--runbook-url",
              description =
                  "the runbook; readiness needs it (default: $ROLLGATE_RUNBOOK_URL, else the"
                      + " service's configured one)")
          String runbookUrl,
      @Option(
              names = "--rollback-plan-url",
              description =
                  "the rollback plan; readiness needs it (default: $ROLLGATE_ROLLBACK_PLAN_URL,"
                      + " else the service's configured one)")
          String rollbackPlanUrl,
      @Option(
              names = "--test-report-url",
              description =
                  "the test report; readiness needs it (default: $ROLLGATE_TEST_REPORT_URL, else"
                      + " the service's configured one)")
          String testReportUrl,
      @Option(
              names = "--test-pass-ratio",
              description =
                  "passed over all tests in that report, 0 to 1; readiness needs it (default:"
                      + " $ROLLGATE_TEST_PASS_RATIO)")
          Double testPassRatio,
      @Option(names = "--idempotency-key", description = "overrides the derived key")
          String idempotencyKey,
      @Mixin WaitOptions waiting,
      @Mixin OutputOption output) {
    Map<String, String> env = root.env;
    CiRun ci = CiRun.of(env);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("service", service);
    body.put("version", version);
    body.put("commitSha", commit);
    body.put("environment", environment);
    body.put("repository", repository != null ? repository : ci.repository());
    body.put("deployWorkflow", deployWorkflow);
    body.put("flagKey", flag != null ? flag : service);
    // what is not given here, the service's configured defaults give
    putIfPresent(body, "changeModel", changeModel);
    // an option wins over the plan file, which wins over the pipeline step's environment
    String planFile = orEnv(plan == null ? null : plan.toString(), env, "ROLLGATE_PLAN");
    if (planFile != null) {
      PlanFile.read(Path.of(planFile))
          .fields()
          .forEachRemaining(m -> body.put(m.getKey(), m.getValue()));
    }
    if (waves != null && !waves.isEmpty()) {
      body.put("waves", waves);
    } else if (!body.containsKey("waves")) {
      putIfPresent(body, "waves", EnvironmentOptions.waves(env));
    }
    if (bakeTime != null) {
      body.put("bakeTime", bakeTime.toString());
    } else if (!body.containsKey("bakeTime")) {
      putIfPresent(body, "bakeTime", EnvironmentOptions.duration(env, "ROLLGATE_BAKE_TIME"));
    }
    putIfPresent(body, "ciWorkflow", ciWorkflow);
    putIfPresent(
        body,
        "windowStart",
        windowStart != null
            ? windowStart.toString()
            : EnvironmentOptions.instant(env, "ROLLGATE_WINDOW_START"));
    putIfPresent(
        body,
        "windowEnd",
        windowEnd != null
            ? windowEnd.toString()
            : EnvironmentOptions.instant(env, "ROLLGATE_WINDOW_END"));
    // a pipeline step may hand the links and the ratio over in its environment; what neither
    // gives, the service's configured defaults give (the ratio has none)
    putIfPresent(body, "runbookUrl", orEnv(runbookUrl, env, "ROLLGATE_RUNBOOK_URL"));
    putIfPresent(
        body, "rollbackPlanUrl", orEnv(rollbackPlanUrl, env, "ROLLGATE_ROLLBACK_PLAN_URL"));
    putIfPresent(body, "testReportUrl", orEnv(testReportUrl, env, "ROLLGATE_TEST_REPORT_URL"));
    if (testPassRatio != null) {
      body.put("testPassRatio", testPassRatio);
    } else {
      String ratio = orEnv(null, env, "ROLLGATE_TEST_PASS_RATIO");
      if (ratio != null) {
        try {
          body.put("testPassRatio", Double.valueOf(ratio));
        } catch (NumberFormatException e) {
          throw new CliException(
              2, "ROLLGATE_TEST_PASS_RATIO must be a number from 0 to 1, was '" + ratio + "'");
        }
      }
    }
    if (ci.provider() != null) {
      body.put("ciProvider", ci.provider());
    }
    if (ci.url() != null) {
      body.put("pipelineUrl", ci.url());
    }
    String key =
        idempotencyKey != null
            ? idempotencyKey
            : ci.runId() == null
                ? null
                : "rollgate-cli-"
                    + EvidenceCheck.sha256(
                            String.join("|", service, version, commit, environment, ci.runId()))
                        .substring(0, 32);
    GateApi api = root.api();
    JsonNode release;
    try {
      release =
          api.post(
              "/api/v1/releases", body, key == null ? Map.of() : Map.of("Idempotency-Key", key));
    } catch (GateApi.Refused refused) {
      throw StartOptions.explain(refused);
    }
    String id = release.path("id").asText();
    if (output.json()) {
      root.print(Output.json(release));
    } else {
      root.print(
          "release "
              + id
              + " "
              + service
              + " "
              + version
              + " to "
              + environment
              + ": "
              + release.path("state").asText());
    }
    if (!waiting.wait) {
      return ExitCode.GO;
    }
    return follow(api, id, waiting.timeout, output);
  }

  /** Prints the release's gates as they decide; its outcome's exit code. */
  private int follow(GateApi api, String id, Duration timeout, OutputOption output) {
    EventFollower.Event ended =
        new EventFollower(api, root::note).follow(id, timeout, event -> show(event, output));
    String state = ended.data().path("state").asText();
    return Verdicts.ofRelease(state);
  }

  private void show(EventFollower.Event event, OutputOption output) {
    JsonNode data = event.data();
    if (output.json()) {
      ObjectNode line = GateApi.JSON.createObjectNode();
      line.put("event", event.type());
      if (data.isObject()) {
        line.setAll((ObjectNode) data);
      }
      root.print(Output.json(line));
      return;
    }
    switch (event.type()) {
      case "gate-decided" ->
          root.print(
              Verdicts.gateLine(
                  data.path("gate").asText(),
                  data.path("verdict").asText(),
                  Verdicts.text(data, "reasons")));
      case "rollback" -> root.print("rollback      " + data.path("reason").asText());
      case "stopped" ->
          root.print(
              "stopped       at "
                  + data.path("element").asText()
                  + ": "
                  + data.path("message").asText()
                  + " (a release manager retries the step or aborts the release)");
      case EventFollower.RELEASE_ENDED ->
          root.print(
              endedLine(
                  data.path("releaseId").asText(),
                  data.path("state").asText(),
                  data.path("outcome").asText()));
      default -> {
        // wave, change and deploy events are in the gates' lines or in --output json
      }
    }
  }

  /** {@code " (at: STEP)"} while the release stands at a step, else nothing. */
  private static String atStep(JsonNode release) {
    JsonNode step = release.path("currentStep");
    return step.isTextual() ? " (at: " + step.asText() + ")" : "";
  }

  private static String endedLine(String id, String state, String outcome) {
    return "release " + id + " ended " + state + ": " + outcome;
  }

  @Command(
      name = "status",
      description = "Show a release: state, step, gates.",
      mixinStandardHelpOptions = true)
  int status(
      @Parameters(paramLabel = "RELEASE", description = "the release id") String id,
      @Mixin OutputOption output) {
    JsonNode release = root.api().get("/api/v1/releases/" + GateApi.encode(id));
    if (output.json()) {
      root.print(Output.json(release));
      return ExitCode.GO;
    }
    root.print(
        String.format(
            "%s %s %s to %s: %s%s, wave %d%%, change %s",
            release.path("id").asText(),
            release.path("service").asText(),
            release.path("version").asText(),
            release.path("environment").asText(),
            release.path("state").asText(),
            atStep(release),
            release.path("wavePercent").asInt(),
            release.path("changeNumber").asText("-")));
    for (JsonNode gate : release.path("gates")) {
      root.print(
          "  "
              + Verdicts.gateLine(
                  gate.path("gate").asText(),
                  gate.path("verdict").asText(),
                  Verdicts.text(gate, "justification")));
    }
    if (release.hasNonNull("outcome")) {
      root.print("  outcome: " + release.path("outcome").asText());
    }
    return ExitCode.GO;
  }

  @Command(
      name = "abort",
      description = {
        "Stop a running release (release managers, or the pipeline that started it). The service"
            + " undoes what ran (flag, cutover steps) and cancels the change.",
        "Exit 0 once the release ended ABORTED, or, without --wait, when the abort was accepted"
            + " and the release still rolls back."
      },
      mixinStandardHelpOptions = true)
  int abort(
      @Parameters(paramLabel = "RELEASE", description = "the release id") String id,
      @Option(names = "--reason", required = true, description = "why; recorded") String reason,
      @Mixin WaitOptions waiting,
      @Mixin OutputOption output) {
    GateApi api = root.api();
    JsonNode release =
        api.post(
            "/api/v1/releases/" + GateApi.encode(id) + "/abort",
            Map.of("reason", reason),
            Map.of());
    // 200 with the ended release; 202 while its model still undoes what ran, which may wait for a
    // person (a checklist rollback step)
    boolean ended = release.hasNonNull("endedAt");
    if (output.json()) {
      root.print(Output.json(release));
    } else if (ended) {
      root.print(endedLine(id, release.path("state").asText(), release.path("outcome").asText()));
    } else {
      root.print("release " + id + ": abort accepted; the release rolls back" + atStep(release));
    }
    if (ended) {
      return Verdicts.ofAbort(release.path("state").asText());
    }
    if (!waiting.wait) {
      return ExitCode.GO;
    }
    EventFollower.Event end =
        new EventFollower(api, root::note)
            .follow(
                id,
                waiting.timeout,
                event -> {
                  // the stream replays the release's gates first: an abort shows how it ends
                  if (!"gate-decided".equals(event.type())) {
                    show(event, output);
                  }
                });
    return Verdicts.ofAbort(end.data().path("state").asText());
  }

  @Command(
      name = "retry",
      description =
          "Run the step a release stopped at again, once the outside system that failed is back"
              + " (release managers).",
      mixinStandardHelpOptions = true)
  int retry(
      @Parameters(paramLabel = "RELEASE", description = "the release id") String id,
      @Option(names = "--justification", required = true, description = "why now; recorded")
          String justification,
      @Mixin OutputOption output) {
    JsonNode release =
        root.api()
            .post(
                "/api/v1/releases/" + GateApi.encode(id) + "/retry",
                Map.of("justification", justification),
                Map.of());
    root.print(
        output.json()
            ? Output.json(release)
            : "release "
                + id
                + " "
                + release.path("state").asText()
                + ": step retried"
                + atStep(release));
    return ExitCode.GO;
  }

  @Command(
      name = "list",
      description = "List releases, newest first.",
      mixinStandardHelpOptions = true)
  int list(
      @Option(names = "--service") String service,
      @Option(names = "--state", description = "e.g. RUNNING, RELEASED, ROLLED_BACK") String state,
      @Option(names = "--from", description = "created at or after (ISO-8601 instant)") String from,
      @Option(names = "--to", description = "created before (ISO-8601 instant)") String to,
      @Option(names = "--page", defaultValue = "0") int page,
      @Option(names = "--limit", defaultValue = "20") int limit,
      @Mixin OutputOption output) {
    StringBuilder query = new StringBuilder("?page=" + page + "&limit=" + limit);
    appendParameter(query, "service", service);
    appendParameter(query, "state", state);
    appendParameter(query, "from", from);
    appendParameter(query, "to", to);
    JsonNode answer = root.api().get("/api/v1/releases" + query);
    if (output.json()) {
      root.print(Output.json(answer));
      return ExitCode.GO;
    }
    for (JsonNode release : answer.path("items")) {
      root.print(
          String.format(
              "%-32s %-16s %-12s %-12s %s",
              release.path("id").asText(),
              release.path("service").asText(),
              release.path("version").asText(),
              release.path("state").asText(),
              release.path("createdAt").asText()));
    }
    root.note(
        "page "
            + answer.path("page").asInt()
            + ", "
            + answer.path("items").size()
            + " of "
            + answer.path("total").asLong()
            + " releases");
    return ExitCode.GO;
  }

  /** The option's value, else the environment's non-blank value, else null. */
  private static String orEnv(String option, Map<String, String> env, String name) {
    if (option != null) {
      return option;
    }
    String value = env.get(name);
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static void putIfPresent(Map<String, Object> body, String name, Object value) {
    if (value != null) {
      body.put(name, value);
    }
  }

  private static void appendParameter(StringBuilder query, String name, String value) {
    if (value != null) {
      query.append('&').append(name).append('=').append(GateApi.encode(value));
    }
  }
}
