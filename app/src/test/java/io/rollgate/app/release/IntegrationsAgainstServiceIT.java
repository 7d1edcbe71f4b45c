package io.rollgate.app.release;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rollgate.app.support.ReleaseRequests;
import io.rollgate.app.support.RunningService;
import io.rollgate.cli.Rollgate;
import io.rollgate.sandbox.launcher.Sandbox;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.Phases;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.yaml.snakeyaml.Yaml;

/**
 * The ready steps in {@code integrations/} as a pipeline runs them: the GitHub composite action and
 * the GitLab template parse as YAML with the structure their CI expects, the Jenkinsfile and the
 * shared-library step parse as Groovy, and the exact {@code rollgate ...} command lines they
 * contain, run through the CLI with the variables the step sets, gate a release on the running
 * service with the exit codes and outputs the step reads.
 */
class IntegrationsAgainstServiceIT extends RunningService {

  private static final Path INTEGRATIONS = Path.of("..", "integrations");
  private static final Path ACTION = INTEGRATIONS.resolve("github-action/action.yml");
  private static final Path GITLAB = INTEGRATIONS.resolve("gitlab/rollgate.gitlab-ci.yml");
  private static final Path JENKINSFILE = INTEGRATIONS.resolve("jenkins/Jenkinsfile");
  private static final Path JENKINS_STEP = INTEGRATIONS.resolve("jenkins/vars/rollgateGate.groovy");
  private static final Pattern COMMAND =
      Pattern.compile("^\\s*(?:- )?(rollgate (?:release|gate|deployment|evidence|token) .*)$");
  private static final Pattern FIRST_ID = Pattern.compile("^\\{\"id\":\"([^\"]*)\"");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired private Sandbox sandbox;

  /** How a CLI run ended. */
  record Run(int exitCode, List<String> lines, String err) {

    JsonNode line(int index) {
      try {
        return JSON.readTree(lines.get(index < 0 ? lines.size() + index : index));
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + lines, e);
      }
    }
  }

  @Test
  void theGitHubActionIsACompositeActionWhoseOutputsComeFromTheGateStep() throws IOException {
    // when
    Map<String, Object> action = yaml(ACTION);

    // then
    Map<String, Object> runs = map(action.get("runs"));
    assertThat(runs.get("using")).isEqualTo("composite");
    List<Object> steps = list(runs.get("steps"));
    assertThat(steps).anySatisfy(s -> assertThat(map(s).get("id")).isEqualTo("gate"));
    Map<String, Object> outputs = map(action.get("outputs"));
    assertThat(outputs).containsOnlyKeys("release-id", "verdict", "change-number");
    outputs.forEach(
        (name, output) ->
            assertThat(map(output).get("value"))
                .isEqualTo("${{ steps.gate.outputs." + name + " }}"));
    assertThat(map(action.get("inputs"))).containsKeys("rollgate-url", "rollgate-token", "service");
    for (Object step : steps) {
      assertThat(String.valueOf(map(step).get("run")))
          .as("inputs reach scripts through env, never pasted into them")
          .doesNotContain("${{");
    }
  }

  @Test
  void theGitLabGateJobRunsInAStageBeforeDeployAndBlocksTheDeployJob() throws IOException {
    // when
    Map<String, Object> template = yaml(GITLAB);

    // then
    List<Object> stages = list(template.get("stages"));
    Map<String, Object> gate = map(template.get("rollgate-gate"));
    assertThat(stages.indexOf(gate.get("stage")))
        .isNotNegative()
        .isLessThan(stages.indexOf("deploy"));
    Map<String, Object> gated = map(template.get(".rollgate-gated"));
    assertThat(gated.get("stage")).isEqualTo("deploy");
    assertThat(list(gated.get("needs")))
        .anySatisfy(n -> assertThat(map(n).get("job")).isEqualTo("rollgate-gate"));
    assertThat(map(map(gate.get("artifacts")).get("reports")).get("dotenv"))
        .isEqualTo("rollgate.env");
  }

  @Test
  void theJenkinsfileAndTheSharedLibraryStepAreGroovy() throws IOException {
    // when / then: a syntax error fails the parse
    parseGroovy(JENKINSFILE);
    parseGroovy(JENKINS_STEP);
    assertThat(Files.readString(JENKINSFILE)).contains("rollgateGate(");
    assertThat(Files.readString(JENKINS_STEP)).contains("def call(Map args");
  }

  @Test
  void theGitHubActionsCommandsReleaseAGreenCommitAndExitOneForOneCiNeverBuilt()
      throws IOException {
    // given
    List<String> commands = commands(ACTION);
    assertThat(commands).hasSize(2);
    Map<String, String> env = env("action", ReleaseRequests.greenCommit(sandbox));
    env.put("GITHUB_ACTIONS", "true");
    env.put("GITHUB_REPOSITORY", "acme/shop");
    env.put("GITHUB_RUN_ID", String.valueOf(System.nanoTime()));

    // when
    JsonNode release = gatesAsThePipelineReads(commands, env);

    // then: the rollout the step's inputs asked for
    assertThat(release.path("rollout").path("waves").toString()).isEqualTo("[50,100]");

    // and: a commit CI never built is NO-GO, exit 1
    Map<String, String> notBuilt = env("action-no-go", "0123456789abcdef0123456789abcdef0123abcd");
    notBuilt.putAll(Map.of("GITHUB_ACTIONS", "true", "GITHUB_REPOSITORY", "acme/shop"));
    notBuilt.put("GITHUB_RUN_ID", String.valueOf(System.nanoTime()));
    Run start = rollgate(commands.get(0), notBuilt);
    assertThat(start.exitCode()).as(start.lines() + start.err()).isEqualTo(1);
    assertThat(start.line(-1).path("state").asText()).isEqualTo("NOT_READY");
  }

  @Test
  void theGitLabTemplatesCommandsReleaseAGreenCommit() throws IOException {
    // given
    List<String> commands = commands(GITLAB);
    assertThat(commands).hasSize(2);
    Map<String, String> env = env("gitlab", ReleaseRequests.greenCommit(sandbox));
    env.put("CI_PROJECT_PATH", "acme/shop");
    // the project's plan file and change window, as CI/CD variables
    Path plan = Files.createTempFile("release-plan", ".yaml");
    Files.writeString(plan, "waves: [100]\nbakeTime: PT1S\n");
    env.put("ROLLGATE_PLAN", plan.toString());
    String windowEnd = java.time.Instant.now().plus(java.time.Duration.ofHours(2)).toString();
    env.put("ROLLGATE_WINDOW_END", windowEnd);

    // when
    JsonNode release = gatesAsThePipelineReads(commands, env);

    // then: the plan's waves, not the template's, and the window's end
    assertThat(release.path("rollout").path("waves").toString()).isEqualTo("[100]");
    assertThat(java.time.Instant.parse(release.path("plan").path("windowEnd").asText()))
        .isEqualTo(java.time.Instant.parse(windowEnd));
  }

  @Test
  void theJenkinsStepsCommandsReleaseAGreenCommit() throws IOException {
    // given
    List<String> commands = commands(JENKINS_STEP);
    assertThat(commands).hasSize(2);
    Map<String, String> env = env("jenkins", ReleaseRequests.greenCommit(sandbox));
    env.put("ROLLGATE_REPOSITORY", "acme/shop");

    // when / then
    gatesAsThePipelineReads(commands, env);
  }

  /**
   * Runs the start command, then the status command with the release id the step extracts; returns
   * the release as the status command printed it.
   */
  private JsonNode gatesAsThePipelineReads(List<String> commands, Map<String, String> env) {
    Run start = rollgate(commands.get(0), env);
    assertThat(start.exitCode()).as(start.lines() + start.err()).isEqualTo(0);
    Matcher id = FIRST_ID.matcher(start.lines().get(0));
    assertThat(id.find()).as("the first line starts with the release id").isTrue();
    assertThat(start.line(-1).path("event").asText()).isEqualTo("release-ended");
    assertThat(start.line(-1).path("state").asText()).isEqualTo("RELEASED");
    assertThat(String.join("\n", start.lines())).doesNotContain(env.get("ROLLGATE_TOKEN"));

    env.put("ROLLGATE_RELEASE_ID", id.group(1));
    Run status = rollgate(commands.get(1), env);
    assertThat(status.exitCode()).as(status.err()).isEqualTo(0);
    JsonNode release = status.line(0);
    assertThat(release.path("id").asText()).isEqualTo(id.group(1));
    assertThat(release.path("state").asText()).isEqualTo("RELEASED");
    assertThat(release.path("commitSha").asText()).isEqualTo(env.get("ROLLGATE_COMMIT"));
    assertThat(release.has("changeNumber")).isTrue();
    return release;
  }

  private Map<String, String> env(String name, String commit) {
    String created =
        String.join(
            "\n",
            rollgate(
                    "rollgate token create --name \"$NAME\" --role pipeline",
                    new HashMap<>(
                        Map.of(
                            "ROLLGATE_URL",
                            uri("").toString(),
                            "ROLLGATE_TOKEN",
                            ADMIN_TOKEN,
                            "NAME",
                            name + "-" + UUID.randomUUID())))
                .lines());
    Map<String, String> env = new HashMap<>();
    env.put("ROLLGATE_URL", uri("").toString());
    env.put("ROLLGATE_TOKEN", created.strip());
    env.put("ROLLGATE_SERVICE", "checkout");
    env.put(
        "ROLLGATE_VERSION",
        "11." + Math.abs(UUID.randomUUID().getMostSignificantBits() % 100000) + ".0");
    env.put("ROLLGATE_COMMIT", commit);
    env.put("ROLLGATE_ENVIRONMENT", "production");
    env.put("ROLLGATE_CHANGE_MODEL", "standard");
    env.put("ROLLGATE_FLAG", "checkout-v2");
    env.put("ROLLGATE_WAVES", "50,100");
    env.put("ROLLGATE_BAKE_TIME", "1s");
    env.put("ROLLGATE_TIMEOUT", "2m");
    // the build's test pass ratio, as the pipeline hands it over; the links are checkout's
    // configured ones
    env.put("ROLLGATE_TEST_PASS_RATIO", "1");
    return env;
  }

  private Run rollgate(String commandLine, Map<String, String> env) {
    List<String> words = words(commandLine, env);
    assertThat(words.get(0)).isEqualTo("rollgate");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Rollgate.run(
            words.subList(1, words.size()).toArray(String[]::new),
            env,
            new PrintWriter(out, true),
            new PrintWriter(err, true));
    return new Run(code, out.toString().lines().toList(), err.toString());
  }

  /** The {@code rollgate ...} command lines of a file, in order, as a shell would see them. */
  static List<String> commands(Path file) throws IOException {
    List<String> commands = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      Matcher m = COMMAND.matcher(line);
      if (m.matches()) {
        commands.add(m.group(1).strip());
      }
    }
    return commands;
  }

  /**
   * A shell command line's words up to an output redirection: double-quoted and bare words with
   * {@code $VAR} and {@code ${VAR}} expanded from {@code env} (a variable the step does not set
   * fails), single-quoted words as they are.
   */
  static List<String> words(String line, Map<String, String> env) {
    List<String> words = new ArrayList<>();
    StringBuilder word = null;
    int i = 0;
    while (i < line.length()) {
      char c = line.charAt(i);
      if (Character.isWhitespace(c)) {
        if (word != null) {
          words.add(word.toString());
          word = null;
        }
        i++;
      } else if (c == '>' || c == '|' || c == ';' || c == '&') {
        break;
      } else {
        if (word == null) {
          word = new StringBuilder();
        }
        if (c == '\'') {
          int end = line.indexOf('\'', i + 1);
          word.append(line, i + 1, end);
          i = end + 1;
        } else if (c == '"') {
          int end = line.indexOf('"', i + 1);
          word.append(expand(line.substring(i + 1, end), env));
          i = end + 1;
        } else {
          int end = i;
          while (end < line.length()
              && !Character.isWhitespace(line.charAt(end))
              && "'\"><|;&".indexOf(line.charAt(end)) < 0) {
            end++;
          }
          word.append(expand(line.substring(i, end), env));
          i = end;
        }
      }
    }
    if (word != null) {
      words.add(word.toString());
    }
    return words;
  }

  private static String expand(String text, Map<String, String> env) {
    Matcher m = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)}?").matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = env.get(m.group(1));
      if (value == null) {
        throw new AssertionError(
            "the command uses $" + m.group(1) + ", which the step does not set");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static Map<String, Object> yaml(Path file) throws IOException {
    return map(new Yaml().load(Files.readString(file)));
  }

  private static void parseGroovy(Path file) throws IOException {
    CompilationUnit unit = new CompilationUnit();
    unit.addSource(file.getFileName().toString(), Files.readString(file));
    unit.compile(Phases.CONVERSION);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    assertThat(o).isInstanceOf(Map.class);
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object o) {
    assertThat(o).isInstanceOf(List.class);
    return (List<Object>) o;
  }
}
