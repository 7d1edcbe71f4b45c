package io.rollgate.sandbox.ci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rollgate.sandbox.SimJson;
import io.rollgate.sandbox.SimProblem;
import io.rollgate.sandbox.SimRequest;
import io.rollgate.sandbox.SimResponse;
import io.rollgate.sandbox.SimServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The GitHub REST API part of the CI simulator: Actions workflow runs (listed by commit, by
 * workflow, dispatched), check runs and commit statuses for seeded commits, deployments and their
 * statuses, and the custom deployment protection rule callback. Served at {@link #baseUri()} the
 * way {@code https://api.github.com} serves it, with GitHub's error body {@code
 * {"message","documentation_url"}} and its {@code x-ratelimit-*} headers.
 *
 * <p>Requests need {@code Authorization: Bearer <token>} (or {@code token <token>}); any token is
 * accepted unless {@link #requireToken} names one.
 *
 * <p>The admin API lives on the same server under {@link #adminUri()} ({@code /_sandbox/github}),
 * needs no token and never sees the fault knobs. Bodies are JSON; errors are RFC 9457 problems.
 *
 * <p>{@code POST .../actions/workflows/{workflow_id}/dispatches} honours {@code
 * return_run_details}: {@code true} creates the run at once and answers 200 with {@code
 * workflow_run_id}, {@code run_url} and {@code html_url}; otherwise it answers 204 and the run
 * shows up {@link #dispatchDelay} later. {@link #legacyDispatch} answers 204 whatever the request
 * says, as GitHub Enterprise Server releases that predate the parameter do.
 *
 * <pre>
 * PUT  /_sandbox/github/repos/{owner}/{repo}/workflows/{file}  {"outcome":"success","durationMillis":300}
 * PUT  /_sandbox/github/repos/{owner}/{repo}/branches/{name}   {"sha":"..."}
 * POST /_sandbox/github/repos/{owner}/{repo}/runs              {"workflow","sha","branch","event"}
 * POST /_sandbox/github/repos/{owner}/{repo}/check-runs        {"sha","name","status","conclusion"}
 * POST /_sandbox/github/repos/{owner}/{repo}/statuses          {"sha","context","state"}
 * PUT  /_sandbox/github/dispatch-delay                         {"millis":200}
 * PUT  /_sandbox/github/legacy-dispatch                        {"enabled":true}
 * PUT  /_sandbox/github/rate-limit                             {"resetInMillis":1500}
 * GET  /_sandbox/github/protection-rule-reviews                what the protection rule callback received
 * GET  /_sandbox/github/dispatches                             workflow_dispatch requests with their run ids
 * POST /_sandbox/github/reset                                  {@link #reset()}
 * </pre>
 */
public final class GitHubSim {

  /** A review the deployment protection rule callback received. */
  public record ProtectionRuleReview(
      String owner,
      String repo,
      long runId,
      String environmentName,
      String state,
      String comment,
      Instant at) {}

  /**
   * A workflow_dispatch the simulator accepted: which run it started and with what inputs.
   *
   * @param runDetails whether the answer named the run (200) rather than being a 204
   */
  public record Dispatch(
      String owner,
      String repo,
      String workflow,
      String ref,
      Map<String, String> inputs,
      long runId,
      boolean runDetails) {}

  private static final String API_VERSION = "2022-11-28";
  private static final String ADMIN = "/github";
  private static final int RATE_LIMIT = 5000;

  private final Clock clock;
  private final Duration queueTime;
  private final SimServer server;
  private final AtomicLong ids = new AtomicLong(30_433_642L);
  private final Map<String, Repo> repos = new HashMap<>();
  private final List<ProtectionRuleReview> reviews = new ArrayList<>();
  private final List<Dispatch> dispatches = new ArrayList<>();
  private Duration dispatchDelay = Duration.ofMillis(200);
  private boolean legacyDispatch;
  private Instant rateLimitedUntil;
  private String requiredToken;
  private long used;

  GitHubSim(int port, Clock clock, Duration queueTime) {
    this.clock = clock;
    this.queueTime = queueTime;
    SimServer.Builder b =
        SimServer.builder("github").port(port).clock(clock).errorShape(GitHubShapes::error);
    String repo = "/repos/{owner}/{repo}";
    route(b, "GET", repo + "/actions/runs", this::listRuns);
    route(b, "GET", repo + "/actions/runs/{run_id}", this::getRun);
    route(b, "GET", repo + "/actions/workflows/{workflow_id}/runs", this::listRuns);
    route(b, "POST", repo + "/actions/workflows/{workflow_id}/dispatches", this::dispatch);
    route(
        b,
        "POST",
        repo + "/actions/runs/{run_id}/deployment_protection_rule",
        this::reviewProtectionRule);
    route(b, "GET", repo + "/commits/{ref}/check-runs", this::listCheckRuns);
    route(b, "GET", repo + "/commits/{ref}/status", this::combinedStatus);
    route(b, "POST", repo + "/deployments", this::createDeployment);
    route(b, "GET", repo + "/deployments", this::listDeployments);
    route(b, "GET", repo + "/deployments/{deployment_id}", this::getDeployment);
    route(b, "POST", repo + "/deployments/{deployment_id}/statuses", this::createDeploymentStatus);
    route(b, "GET", repo + "/deployments/{deployment_id}/statuses", this::listDeploymentStatuses);
    adminRoutes(b);
    this.server = b.start();
  }

  /** Where the client points its GitHub API base URL, without a trailing slash. */
  public URI baseUri() {
    return server.baseUri();
  }

  /** Where the admin API lives: {@code <base>/_sandbox/github}, without a trailing slash. */
  public URI adminUri() {
    return URI.create(server.baseUri() + "/_sandbox" + ADMIN);
  }

  /** The underlying server: fault knobs and request log. */
  public SimServer server() {
    return server;
  }

  // ---- Java API (also reachable through the admin routes) ----

  /**
   * Declares workflow {@code file} (for example {@code deploy.yml}) in {@code owner/repo}; every
   * run it starts from now on ends as {@code behaviour} says.
   */
  public synchronized void workflow(String owner, String repo, String file, Behaviour behaviour) {
    Repo r = repo(owner, repo);
    Workflow existing = r.workflows.get(file);
    if (existing != null) {
      existing.behaviour = behaviour;
      return;
    }
    r.workflows.put(file, new Workflow(ids.incrementAndGet(), file, behaviour));
  }

  /**
   * Gives workflow {@code file} a {@code run-name}, as its YAML's {@code run-name:} key does: each
   * {@code ${{ inputs.NAME }}} in it is the dispatch's input {@code NAME} (empty when absent), and
   * the result is the run's {@code display_title}. Declare the workflow first.
   */
  public synchronized void runName(String owner, String repo, String file, String runName) {
    Workflow wf = repo(owner, repo).workflows.get(file);
    if (wf == null) {
      throw new IllegalArgumentException("no workflow " + file + " in " + owner + "/" + repo);
    }
    wf.runName = runName;
  }

  /** The commit that branch {@code branch} points at; dispatched runs and deployments use it. */
  public synchronized void branchHead(String owner, String repo, String branch, String sha) {
    repo(owner, repo).heads.put(branch, sha);
  }

  /**
   * Seeds a run of a declared workflow for commit {@code sha}, starting now and progressing as the
   * workflow's behaviour says.
   *
   * @return the run id
   */
  public synchronized long seedRun(
      String owner, String repo, String file, String sha, String branch, String event) {
    Repo r = repo(owner, repo);
    Workflow wf = workflowOrFail(r, file);
    Run run = newRun(r, wf, sha, branch, event, clock.instant(), wf.behaviour, Map.of());
    return run.id;
  }

  /** Seeds a check run for a commit, with GitHub's {@code status} and {@code conclusion} words. */
  public synchronized void seedCheckRun(
      String owner, String repo, String sha, String name, String status, String conclusion) {
    Repo r = repo(owner, repo);
    r.checkRuns.add(
        new CheckRun(ids.incrementAndGet(), sha, name, status, conclusion, clock.instant()));
  }

  /** Seeds a commit status ({@code error|failure|pending|success}) for a context. */
  public synchronized void seedStatus(
      String owner, String repo, String sha, String context, String state) {
    Repo r = repo(owner, repo);
    r.statuses.add(new Status(ids.incrementAndGet(), sha, context, state, clock.instant()));
  }

  /**
   * How long after a workflow_dispatch answered 204 the run it started shows up (in the lists and
   * by id). A dispatch answered with run details creates its run at once.
   */
  public synchronized void dispatchDelay(Duration delay) {
    this.dispatchDelay = delay;
  }

  /**
   * With {@code true}, every workflow_dispatch is answered 204 without run details, whatever its
   * {@code return_run_details}, as older GitHub Enterprise Server releases answer. Cleared by
   * {@link #reset()}.
   */
  public synchronized void legacyDispatch(boolean enabled) {
    this.legacyDispatch = enabled;
  }

  /**
   * Spends the primary rate limit: until {@code resetIn} from now every request gets GitHub's 403
   * with {@code x-ratelimit-remaining: 0} and {@code x-ratelimit-reset} (epoch seconds).
   */
  public synchronized void exhaustRateLimit(Duration resetIn) {
    rateLimitedUntil = clock.instant().plus(resetIn);
  }

  /** Only this token is accepted from now on; others get 401 Bad credentials. */
  public synchronized void requireToken(String token) {
    this.requiredToken = token;
  }

  public synchronized List<ProtectionRuleReview> protectionRuleReviews() {
    return List.copyOf(reviews);
  }

  public synchronized List<Dispatch> dispatches() {
    return List.copyOf(dispatches);
  }

  /**
   * The body of the {@code deployment_protection_rule} webhook GitHub would send for run {@code
   * runId} waiting on {@code environment}; its callback URL points at this simulator.
   */
  public synchronized String protectionRuleEvent(
      String owner, String repo, long runId, String environment) {
    Repo r = repo(owner, repo);
    Run run = r.runs.stream().filter(x -> x.id == runId).findFirst().orElseThrow();
    String base = base();
    ObjectNode event =
        SimJson.object()
            .put("action", "requested")
            .put("environment", environment)
            .put("event", run.event)
            .put("sha", run.sha)
            .put("ref", "refs/heads/" + run.branch)
            .put(
                "deployment_callback_url",
                base
                    + "/repos/"
                    + owner
                    + "/"
                    + repo
                    + "/actions/runs/"
                    + runId
                    + "/deployment_protection_rule");
    event.putArray("pull_requests");
    event.set("repository", GitHubShapes.repository(base, owner, repo, r.id));
    event.set("installation", SimJson.object().put("id", 12_345L).put("node_id", "MDIzOkluc3Q="));
    event.set("sender", GitHubShapes.bot(base));
    return event.toString();
  }

  /** {@code sha256=<hex>}: the {@code X-Hub-Signature-256} of {@code body} under {@code secret}. */
  public static String signature(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Forgets runs, deployments, reviews, the rate limit and token knobs, the server's fault knobs
   * and its request log; keeps declared workflows.
   */
  public synchronized void reset() {
    repos.values().forEach(Repo::clearHistory);
    reviews.clear();
    dispatches.clear();
    legacyDispatch = false;
    rateLimitedUntil = null;
    requiredToken = null;
    if (server != null) {
      server.faults().clear();
      server.requests().clear();
    }
  }

  // ---- Admin routes, under /_sandbox/github ----

  private void adminRoutes(SimServer.Builder b) {
    String repo = ADMIN + "/repos/{owner}/{repo}";
    b.adminRoute(
        "PUT",
        repo + "/workflows/{file}",
        req -> {
          workflow(
              req.pathParam("owner"),
              req.pathParam("repo"),
              req.pathParam("file"),
              AdminBodies.behaviour(req));
          return SimResponse.empty(204);
        });
    b.adminRoute(
        "PUT",
        repo + "/branches/{branch}",
        req -> {
          branchHead(
              req.pathParam("owner"),
              req.pathParam("repo"),
              req.pathParam("branch"),
              AdminBodies.text(req.json(), "sha"));
          return SimResponse.empty(204);
        });
    b.adminRoute(
        "POST",
        repo + "/runs",
        req -> {
          JsonNode body = req.json();
          long id =
              seedRun(
                  req.pathParam("owner"),
                  req.pathParam("repo"),
                  AdminBodies.text(body, "workflow"),
                  AdminBodies.text(body, "sha"),
                  body.path("branch").asText("main"),
                  body.path("event").asText("push"));
          return SimResponse.json(201, SimJson.object().put("id", id));
        });
    b.adminRoute(
        "POST",
        repo + "/check-runs",
        req -> {
          JsonNode body = req.json();
          seedCheckRun(
              req.pathParam("owner"),
              req.pathParam("repo"),
              AdminBodies.text(body, "sha"),
              AdminBodies.text(body, "name"),
              body.path("status").asText("completed"),
              body.path("conclusion").asText("success"));
          return SimResponse.empty(204);
        });
    b.adminRoute(
        "POST",
        repo + "/statuses",
        req -> {
          JsonNode body = req.json();
          seedStatus(
              req.pathParam("owner"),
              req.pathParam("repo"),
              AdminBodies.text(body, "sha"),
              AdminBodies.text(body, "context"),
              AdminBodies.text(body, "state"));
          return SimResponse.empty(204);
        });
    b.adminRoute(
        "PUT",
        ADMIN + "/dispatch-delay",
        req -> {
          dispatchDelay(Duration.ofMillis(req.json().path("millis").asLong()));
          return SimResponse.empty(204);
        });
    b.adminRoute(
        "PUT",
        ADMIN + "/legacy-dispatch",
        req -> {
          legacyDispatch(req.json().path("enabled").asBoolean(true));
          return SimResponse.empty(204);
        });
    b.adminRoute(
        "PUT",
        ADMIN + "/rate-limit",
        req -> {
          exhaustRateLimit(Duration.ofMillis(req.json().path("resetInMillis").asLong()));
          return SimResponse.empty(204);
        });
    b.adminRoute(
        "GET", ADMIN + "/protection-rule-reviews", req -> SimResponse.ok(protectionRuleReviews()));
    b.adminRoute("GET", ADMIN + "/dispatches", req -> SimResponse.ok(dispatches()));
    b.adminRoute(
        "POST",
        ADMIN + "/reset",
        req -> {
          reset();
          return SimResponse.empty(204);
        });
  }

  // ---- HTTP handlers ----

  private void route(SimServer.Builder b, String method, String path, SimServer.Handler handler) {
    b.route(method, path, request -> guarded(request, handler));
  }

  private SimResponse guarded(SimRequest request, SimServer.Handler handler) throws Exception {
    Instant now;
    synchronized (this) {
      authorize(request);
      now = clock.instant();
      if (rateLimitedUntil != null && now.isBefore(rateLimitedUntil)) {
        long reset =
            rateLimitedUntil.plusMillis(999).truncatedTo(ChronoUnit.SECONDS).getEpochSecond();
        return GitHubShapes.error(
                403,
                "API rate limit exceeded for user ID 1. If you reach out to GitHub Support for help,"
                    + " please include the request ID.")
            .header("x-ratelimit-limit", String.valueOf(RATE_LIMIT))
            .header("x-ratelimit-remaining", "0")
            .header("x-ratelimit-reset", String.valueOf(reset))
            .header("x-ratelimit-used", String.valueOf(RATE_LIMIT))
            .header("x-ratelimit-resource", "core");
      }
      used++;
    }
    SimResponse response = handler.handle(request);
    long hourReset = now.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS).getEpochSecond();
    return response
        .header("x-ratelimit-limit", String.valueOf(RATE_LIMIT))
        .header(
            "x-ratelimit-remaining", String.valueOf(Math.max(0, RATE_LIMIT - used % RATE_LIMIT)))
        .header("x-ratelimit-reset", String.valueOf(hourReset))
        .header("x-ratelimit-used", String.valueOf(used % RATE_LIMIT))
        .header("x-ratelimit-resource", "core")
        .header("x-github-api-version-selected", API_VERSION);
  }

  private void authorize(SimRequest request) {
    String auth = request.header("Authorization").orElse("");
    String token = null;
    for (String scheme : new String[] {"Bearer ", "token "}) {
      if (auth.regionMatches(true, 0, scheme, 0, scheme.length())) {
        token = auth.substring(scheme.length()).trim();
      }
    }
    if (token == null || token.isEmpty()) {
      throw new SimProblem(401, "Requires authentication");
    }
    if (requiredToken != null && !requiredToken.equals(token)) {
      throw new SimProblem(401, "Bad credentials");
    }
    Optional<String> version = request.header("X-GitHub-Api-Version");
    if (version.isPresent() && !API_VERSION.equals(version.get())) {
      throw new SimProblem(
          400, "API version " + version.get() + " is not supported; use " + API_VERSION);
    }
  }

  private synchronized SimResponse listRuns(SimRequest req) {
    Repo r = existingRepo(req);
    Instant now = clock.instant();
    String workflowId = req.pathParam("workflow_id");
    Workflow wf = workflowId == null ? null : workflowOrFail(r, workflowId);
    Predicate<Run> filter = run -> !run.visibleAt.isAfter(now);
    if (wf != null) {
      filter = filter.and(run -> run.workflow == wf);
    }
    String sha = req.query("head_sha").orElse(null);
    if (sha != null) {
      filter = filter.and(run -> run.sha.equals(sha));
    }
    String event = req.query("event").orElse(null);
    if (event != null) {
      filter = filter.and(run -> run.event.equals(event));
    }
    String branch = req.query("branch").orElse(null);
    if (branch != null) {
      filter = filter.and(run -> run.branch.equals(branch));
    }
    String status = req.query("status").orElse(null);
    if (status != null) {
      filter =
          filter.and(run -> status.equals(run.status(now)) || status.equals(run.conclusion(now)));
    }
    Optional<String> created = req.query("created");
    if (created.isPresent()) {
      Predicate<Instant> when = CreatedFilter.parse(created.get());
      filter = filter.and(run -> when.test(run.visibleAt));
    }
    List<Run> matching =
        r.runs.stream()
            .filter(filter)
            .sorted(Comparator.comparing((Run run) -> run.visibleAt).thenComparing(run -> run.id))
            .toList();
    matching = Page.newestFirst(matching);
    Page page = Page.of(req, matching.size());
    ObjectNode body = SimJson.object().put("total_count", matching.size());
    ArrayNode items = body.putArray("workflow_runs");
    page.slice(matching).forEach(run -> items.add(runJson(r, run, now)));
    return page.link(SimResponse.ok(body), base() + req.path(), req);
  }

  private synchronized SimResponse getRun(SimRequest req) {
    Repo r = existingRepo(req);
    return SimResponse.ok(runJson(r, run(r, req), clock.instant()));
  }

  private synchronized SimResponse dispatch(SimRequest req) {
    Repo r = existingRepo(req);
    Workflow wf = workflowOrFail(r, req.pathParam("workflow_id"));
    JsonNode body = req.json();
    String ref = body.path("ref").asText("");
    if (ref.isEmpty()) {
      throw new SimProblem(422, "Invalid request.\n\n\"ref\" wasn't supplied.");
    }
    JsonNode inputs = body.path("inputs");
    if (!inputs.isMissingNode() && !inputs.isObject()) {
      throw new SimProblem(
          422, "Invalid request.\n\nFor 'properties/inputs', it is not an object.");
    }
    if (inputs.size() > 25) {
      throw new SimProblem(422, "Invalid request.\n\nNo more than 25 inputs are allowed.");
    }
    JsonNode returnRunDetails = body.path("return_run_details");
    if (!returnRunDetails.isMissingNode()
        && !returnRunDetails.isNull()
        && !returnRunDetails.isBoolean()) {
      throw new SimProblem(
          422, "Invalid request.\n\nFor 'properties/return_run_details', it is not a boolean.");
    }
    boolean runDetails = returnRunDetails.asBoolean(false) && !legacyDispatch;
    Map<String, String> given = new LinkedHashMap<>();
    inputs.fields().forEachRemaining(e -> given.put(e.getKey(), e.getValue().asText()));
    String branch = ref.startsWith("refs/heads/") ? ref.substring("refs/heads/".length()) : ref;
    String sha = r.heads.computeIfAbsent(branch, GitHubSim::fakeSha);
    // Naming the run means GitHub created it before answering; a plain dispatch is queued and its
    // run appears later.
    Instant visibleAt = runDetails ? clock.instant() : clock.instant().plus(dispatchDelay);
    Run run = newRun(r, wf, sha, branch, "workflow_dispatch", visibleAt, wf.behaviour, given);
    dispatches.add(
        new Dispatch(r.owner, r.name, wf.file, ref, Map.copyOf(given), run.id, runDetails));
    if (runDetails) {
      String url = base() + "/repos/" + r.owner + "/" + r.name + "/actions/runs/" + run.id;
      return SimResponse.ok(
          SimJson.object()
              .put("workflow_run_id", run.id)
              .put("run_url", url)
              .put("html_url", htmlRun(r, run)));
    }
    return SimResponse.empty(204);
  }

  private synchronized SimResponse reviewProtectionRule(SimRequest req) {
    Repo r = existingRepo(req);
    Run run = run(r, req);
    JsonNode body = req.json();
    String environment = body.path("environment_name").asText("");
    String state = body.hasNonNull("state") ? body.get("state").asText() : null;
    String comment = body.hasNonNull("comment") ? body.get("comment").asText() : null;
    if (environment.isEmpty()) {
      throw new SimProblem(422, "Invalid request.\n\n\"environment_name\" wasn't supplied.");
    }
    if (state == null && comment == null) {
      throw new SimProblem(422, "Invalid request.\n\nEither \"state\" or \"comment\" is required.");
    }
    if (state != null && !state.equals("approved") && !state.equals("rejected")) {
      throw new SimProblem(
          422, "Invalid request.\n\n\"state\" must be one of: approved, rejected.");
    }
    reviews.add(
        new ProtectionRuleReview(
            r.owner, r.name, run.id, environment, state, comment, clock.instant()));
    return SimResponse.empty(204);
  }

  private synchronized SimResponse listCheckRuns(SimRequest req) {
    Repo r = existingRepo(req);
    String sha = r.resolve(req.pathParam("ref"));
    List<CheckRun> runs =
        Page.newestFirst(r.checkRuns.stream().filter(c -> c.sha.equals(sha)).toList());
    String name = req.query("check_name").orElse(null);
    String status = req.query("status").orElse(null);
    List<CheckRun> matching =
        runs.stream()
            .filter(c -> name == null || c.name.equals(name))
            .filter(c -> status == null || c.status.equals(status))
            .toList();
    Page page = Page.of(req, matching.size());
    ObjectNode body = SimJson.object().put("total_count", matching.size());
    ArrayNode items = body.putArray("check_runs");
    page.slice(matching).forEach(c -> items.add(checkRunJson(r, c)));
    return page.link(SimResponse.ok(body), base() + req.path(), req);
  }

  private synchronized SimResponse combinedStatus(SimRequest req) {
    Repo r = existingRepo(req);
    String sha = r.resolve(req.pathParam("ref"));
    Map<String, Status> latest = new LinkedHashMap<>();
    r.statuses.stream().filter(s -> s.sha.equals(sha)).forEach(s -> latest.put(s.context, s));
    String state = combine(latest.values());
    String base = base();
    String api = base + "/repos/" + r.owner + "/" + r.name;
    ObjectNode body =
        SimJson.object()
            .put("state", state)
            .put("sha", sha)
            .put("total_count", latest.size())
            .put("commit_url", api + "/commits/" + sha)
            .put("url", api + "/commits/" + sha + "/status");
    ArrayNode items = body.putArray("statuses");
    latest.values().forEach(s -> items.add(statusJson(r, s)));
    body.set("repository", GitHubShapes.repository(base, r.owner, r.name, r.id));
    return SimResponse.ok(body);
  }

  private synchronized SimResponse createDeployment(SimRequest req) {
    Repo r = existingRepo(req);
    JsonNode body = req.json();
    String ref = body.path("ref").asText("");
    if (ref.isEmpty()) {
      throw new SimProblem(422, "Invalid request.\n\n\"ref\" wasn't supplied.");
    }
    String sha = r.resolve(ref);
    JsonNode contexts = body.get("required_contexts");
    if (contexts == null || !contexts.isEmpty()) {
      List<String> required = new ArrayList<>();
      if (contexts != null) {
        contexts.forEach(c -> required.add(c.asText()));
      }
      Map<String, Status> latest = new LinkedHashMap<>();
      r.statuses.stream().filter(s -> s.sha.equals(sha)).forEach(s -> latest.put(s.context, s));
      boolean failing =
          latest.values().stream()
              .filter(s -> required.isEmpty() || required.contains(s.context))
              .anyMatch(s -> !s.state.equals("success"));
      if (failing) {
        throw new SimProblem(409, "Conflict: Commit status checks failed for " + ref + ".");
      }
    }
    String environment = body.path("environment").asText("production");
    Deployment d =
        new Deployment(
            ids.incrementAndGet(),
            sha,
            ref,
            body.path("task").asText("deploy"),
            body.has("payload") ? body.get("payload") : SimJson.object(),
            environment,
            body.hasNonNull("description") ? body.get("description").asText() : "",
            body.path("transient_environment").asBoolean(false),
            body.path("production_environment").asBoolean(environment.equals("production")),
            clock.instant());
    r.deployments.add(d);
    return SimResponse.json(201, deploymentJson(r, d));
  }

  private synchronized SimResponse listDeployments(SimRequest req) {
    Repo r = existingRepo(req);
    Predicate<Deployment> filter = d -> true;
    for (String field : new String[] {"sha", "ref", "task", "environment"}) {
      Optional<String> wanted = req.query(field);
      if (wanted.isPresent() && !wanted.get().equals("none")) {
        filter = filter.and(d -> wanted.get().equals(d.field(field)));
      }
    }
    List<Deployment> matching = Page.newestFirst(r.deployments.stream().filter(filter).toList());
    Page page = Page.of(req, matching.size());
    ArrayNode items = SimJson.MAPPER.createArrayNode();
    page.slice(matching).forEach(d -> items.add(deploymentJson(r, d)));
    return page.link(SimResponse.ok(items), base() + req.path(), req);
  }

  private synchronized SimResponse getDeployment(SimRequest req) {
    Repo r = existingRepo(req);
    return SimResponse.ok(deploymentJson(r, deployment(r, req)));
  }

  private synchronized SimResponse createDeploymentStatus(SimRequest req) {
    Repo r = existingRepo(req);
    Deployment d = deployment(r, req);
    JsonNode body = req.json();
    String state = body.path("state").asText("");
    if (!List.of("error", "failure", "inactive", "in_progress", "queued", "pending", "success")
        .contains(state)) {
      throw new SimProblem(
          422,
          "Validation Failed: state must be one of error, failure, inactive, in_progress, queued,"
              + " pending, success");
    }
    String logUrl = body.path("log_url").asText(body.path("target_url").asText(""));
    DeploymentStatus s =
        new DeploymentStatus(
            ids.incrementAndGet(),
            state,
            body.path("description").asText(""),
            body.path("environment").asText(d.environment),
            logUrl,
            body.path("environment_url").asText(""),
            clock.instant());
    d.statuses.add(s);
    return SimResponse.json(201, deploymentStatusJson(r, d, s));
  }

  private synchronized SimResponse listDeploymentStatuses(SimRequest req) {
    Repo r = existingRepo(req);
    Deployment d = deployment(r, req);
    List<DeploymentStatus> all = Page.newestFirst(d.statuses);
    Page page = Page.of(req, all.size());
    ArrayNode items = SimJson.MAPPER.createArrayNode();
    page.slice(all).forEach(s -> items.add(deploymentStatusJson(r, d, s)));
    return page.link(SimResponse.ok(items), base() + req.path(), req);
  }

  // ---- JSON ----

  private ObjectNode runJson(Repo r, Run run, Instant now) {
    String base = base();
    String api = base + "/repos/" + r.owner + "/" + r.name;
    String url = api + "/actions/runs/" + run.id;
    ObjectNode node =
        SimJson.object()
            .put("id", run.id)
            .put("name", run.workflow.name())
            .put("node_id", "WFR_kwLO" + run.id)
            .put("check_suite_id", run.id + 1)
            .put("check_suite_node_id", "CS_kwDO" + run.id)
            .put("head_branch", run.branch)
            .put("head_sha", run.sha)
            .put("path", ".github/workflows/" + run.workflow.file + "@" + run.branch)
            .put("run_number", run.number)
            .put("event", run.event)
            .put("display_title", run.displayTitle)
            .put("status", run.status(now))
            .put("conclusion", run.conclusion(now))
            .put("workflow_id", run.workflow.id)
            .put("url", url)
            .put("html_url", htmlRun(r, run))
            .put("created_at", run.visibleAt.toString())
            .put("updated_at", run.progress.updatedAt(now).toString())
            .put("run_attempt", 1)
            .put("run_started_at", run.progress.startsAt().toString())
            .put("jobs_url", url + "/jobs")
            .put("logs_url", url + "/logs")
            .put("check_suite_url", api + "/check-suites/" + (run.id + 1))
            .put("artifacts_url", url + "/artifacts")
            .put("cancel_url", url + "/cancel")
            .put("rerun_url", url + "/rerun")
            .put("previous_attempt_url", (String) null)
            .put("workflow_url", api + "/actions/workflows/" + run.workflow.id);
    node.putArray("pull_requests");
    node.set("actor", GitHubShapes.bot(base));
    node.set("triggering_actor", GitHubShapes.bot(base));
    ObjectNode commit =
        SimJson.object()
            .put("id", run.sha)
            .put("tree_id", fakeSha("tree-" + run.sha))
            .put("message", "Simulated commit " + run.sha.substring(0, 7))
            .put("timestamp", run.progress.createdAt().toString());
    commit.set(
        "author", SimJson.object().put("name", "Octo Cat").put("email", "octocat@github.com"));
    commit.set(
        "committer", SimJson.object().put("name", "GitHub").put("email", "noreply@github.com"));
    node.set("head_commit", commit);
    node.set("repository", GitHubShapes.repository(base, r.owner, r.name, r.id));
    node.set("head_repository", GitHubShapes.repository(base, r.owner, r.name, r.id));
    return node;
  }

  private ObjectNode checkRunJson(Repo r, CheckRun c) {
    String base = base();
    String api = base + "/repos/" + r.owner + "/" + r.name;
    boolean completed = c.status.equals("completed");
    ObjectNode node =
        SimJson.object()
            .put("id", c.id)
            .put("head_sha", c.sha)
            .put("node_id", "CR_kwDO" + c.id)
            .put("external_id", "")
            .put("url", api + "/check-runs/" + c.id)
            .put("html_url", "https://github.com/" + r.owner + "/" + r.name + "/runs/" + c.id)
            .put("details_url", "https://github.com/" + r.owner + "/" + r.name + "/runs/" + c.id)
            .put("status", c.status)
            .put("conclusion", completed ? c.conclusion : null)
            .put("started_at", c.at.toString())
            .put("completed_at", completed ? c.at.toString() : null)
            .put("name", c.name);
    ObjectNode output =
        SimJson.object()
            .put("title", c.name)
            .put("summary", "Simulated check run")
            .put("text", (String) null)
            .put("annotations_count", 0)
            .put("annotations_url", api + "/check-runs/" + c.id + "/annotations");
    node.set("output", output);
    node.set("check_suite", SimJson.object().put("id", c.id + 1));
    node.putNull("app");
    node.putArray("pull_requests");
    return node;
  }

  private ObjectNode statusJson(Repo r, Status s) {
    String base = base();
    return SimJson.object()
        .put("url", base + "/repos/" + r.owner + "/" + r.name + "/statuses/" + s.sha)
        .put("avatar_url", "https://avatars.githubusercontent.com/u/41898282")
        .put("id", s.id)
        .put("node_id", "SC_kwDO" + s.id)
        .put("state", s.state)
        .put("description", "Simulated status " + s.state)
        .put("target_url", "https://ci.example.com/" + s.id)
        .put("context", s.context)
        .put("created_at", s.at.toString())
        .put("updated_at", s.at.toString());
  }

  private ObjectNode deploymentJson(Repo r, Deployment d) {
    String base = base();
    String api = base + "/repos/" + r.owner + "/" + r.name;
    ObjectNode node =
        SimJson.object()
            .put("url", api + "/deployments/" + d.id)
            .put("id", d.id)
            .put("node_id", "DE_kwDO" + d.id)
            .put("sha", d.sha)
            .put("ref", d.ref)
            .put("task", d.task)
            .put("original_environment", d.environment)
            .put("environment", d.environment)
            .put("description", d.description)
            .put("created_at", d.at.toString())
            .put("updated_at", d.at.toString())
            .put("statuses_url", api + "/deployments/" + d.id + "/statuses")
            .put("repository_url", api)
            .put("transient_environment", d.transientEnvironment)
            .put("production_environment", d.productionEnvironment);
    node.set("payload", d.payload);
    node.set("creator", GitHubShapes.bot(base));
    return node;
  }

  private ObjectNode deploymentStatusJson(Repo r, Deployment d, DeploymentStatus s) {
    String base = base();
    String api = base + "/repos/" + r.owner + "/" + r.name;
    ObjectNode node =
        SimJson.object()
            .put("url", api + "/deployments/" + d.id + "/statuses/" + s.id)
            .put("id", s.id)
            .put("node_id", "DES_kwDO" + s.id)
            .put("state", s.state)
            .put("description", s.description)
            .put("environment", s.environment)
            .put("target_url", s.logUrl)
            .put("log_url", s.logUrl)
            .put("environment_url", s.environmentUrl)
            .put("created_at", s.at.toString())
            .put("updated_at", s.at.toString())
            .put("deployment_url", api + "/deployments/" + d.id)
            .put("repository_url", api);
    node.set("creator", GitHubShapes.bot(base));
    return node;
  }

  // ---- state ----

  private String base() {
    return server == null ? "" : server.baseUri().toString();
  }

  private String htmlRun(Repo r, Run run) {
    return base() + "/" + r.owner + "/" + r.name + "/actions/runs/" + run.id;
  }

  private static String combine(java.util.Collection<Status> statuses) {
    if (statuses.stream().anyMatch(s -> s.state.equals("error") || s.state.equals("failure"))) {
      return "failure";
    }
    if (statuses.isEmpty() || statuses.stream().anyMatch(s -> s.state.equals("pending"))) {
      return "pending";
    }
    return "success";
  }

  private Repo repo(String owner, String name) {
    return repos.computeIfAbsent(
        (owner + "/" + name).toLowerCase(Locale.ROOT),
        k -> new Repo(ids.incrementAndGet(), owner, name));
  }

  private Repo existingRepo(SimRequest req) {
    Repo r =
        repos.get((req.pathParam("owner") + "/" + req.pathParam("repo")).toLowerCase(Locale.ROOT));
    if (r == null) {
      throw new SimProblem(404, "Not Found");
    }
    return r;
  }

  private Workflow workflowOrFail(Repo r, String idOrFile) {
    for (Workflow wf : r.workflows.values()) {
      if (wf.file.equals(idOrFile) || String.valueOf(wf.id).equals(idOrFile)) {
        return wf;
      }
    }
    throw new SimProblem(404, "Not Found");
  }

  private Run run(Repo r, SimRequest req) {
    String id = req.pathParam("run_id");
    Instant now = clock.instant();
    return r.runs.stream()
        .filter(x -> String.valueOf(x.id).equals(id) && !x.visibleAt.isAfter(now))
        .findFirst()
        .orElseThrow(() -> new SimProblem(404, "Not Found"));
  }

  private Deployment deployment(Repo r, SimRequest req) {
    String id = req.pathParam("deployment_id");
    return r.deployments.stream()
        .filter(x -> String.valueOf(x.id).equals(id))
        .findFirst()
        .orElseThrow(() -> new SimProblem(404, "Not Found"));
  }

  private Run newRun(
      Repo r,
      Workflow wf,
      String sha,
      String branch,
      String event,
      Instant visibleAt,
      Behaviour behaviour,
      Map<String, String> inputs) {
    Run run =
        new Run(
            ids.incrementAndGet(),
            ++wf.runs,
            wf,
            sha,
            branch,
            event,
            visibleAt,
            Progress.of(visibleAt, queueTime, behaviour),
            displayTitle(wf, branch, inputs));
    r.runs.add(run);
    return run;
  }

  static String fakeSha(String seed) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-1").digest(seed.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final class Repo {
    final long id;
    final String owner;
    final String name;
    final Map<String, Workflow> workflows = new LinkedHashMap<>();
    final Map<String, String> heads = new HashMap<>();
    final List<Run> runs = new ArrayList<>();
    final List<CheckRun> checkRuns = new ArrayList<>();
    final List<Status> statuses = new ArrayList<>();
    final List<Deployment> deployments = new ArrayList<>();

    Repo(long id, String owner, String name) {
      this.id = id;
      this.owner = owner;
      this.name = name;
    }

    String resolve(String ref) {
      if (ref.matches("[0-9a-f]{40}")) {
        return ref;
      }
      String branch = ref.startsWith("refs/heads/") ? ref.substring(11) : ref;
      return heads.computeIfAbsent(branch, GitHubSim::fakeSha);
    }

    void clearHistory() {
      runs.clear();
      checkRuns.clear();
      statuses.clear();
      deployments.clear();
    }
  }

  private static final class Workflow {
    final long id;
    final String file;
    Behaviour behaviour;
    String runName;
    int runs;

    Workflow(long id, String file, Behaviour behaviour) {
      this.id = id;
      this.file = file;
      this.behaviour = behaviour;
    }

    String name() {
      int dot = file.lastIndexOf('.');
      return dot > 0 ? file.substring(0, dot) : file;
    }
  }

  private static final Pattern INPUT_EXPRESSION =
      Pattern.compile("\\$\\{\\{\\s*inputs\\.([A-Za-z0-9_-]+)\\s*}}");

  /** GitHub's default title for a dispatched run is the workflow's name; run-name overrides it. */
  private static String displayTitle(Workflow wf, String branch, Map<String, String> inputs) {
    if (wf.runName == null) {
      return wf.name() + " on " + branch;
    }
    Map<String, String> given = inputs == null ? Map.of() : inputs;
    return INPUT_EXPRESSION
        .matcher(wf.runName)
        .replaceAll(m -> Matcher.quoteReplacement(given.getOrDefault(m.group(1), "")));
  }

  private record Run(
      long id,
      int number,
      Workflow workflow,
      String sha,
      String branch,
      String event,
      Instant visibleAt,
      Progress progress,
      String displayTitle) {

    String status(Instant now) {
      switch (progress.phase(now)) {
        case QUEUED:
          return "queued";
        case RUNNING:
          return "in_progress";
        default:
          return "completed";
      }
    }

    String conclusion(Instant now) {
      if (progress.phase(now) != Progress.Phase.FINISHED) {
        return null;
      }
      switch (progress.behaviour().outcome()) {
        case SUCCESS:
          return "success";
        case FAILURE:
          return "failure";
        default:
          return "cancelled";
      }
    }
  }

  private record CheckRun(
      long id, String sha, String name, String status, String conclusion, Instant at) {}

  private record Status(long id, String sha, String context, String state, Instant at) {}

  private static final class Deployment {
    final long id;
    final String sha;
    final String ref;
    final String task;
    final JsonNode payload;
    final String environment;
    final String description;
    final boolean transientEnvironment;
    final boolean productionEnvironment;
    final Instant at;
    final List<DeploymentStatus> statuses = new ArrayList<>();

    Deployment(
        long id,
        String sha,
        String ref,
        String task,
        JsonNode payload,
        String environment,
        String description,
        boolean transientEnvironment,
        boolean productionEnvironment,
        Instant at) {
      this.id = id;
      this.sha = sha;
      this.ref = ref;
      this.task = task;
      this.payload = payload;
      this.environment = environment;
      this.description = description;
      this.transientEnvironment = transientEnvironment;
      this.productionEnvironment = productionEnvironment;
      this.at = at;
    }

    String field(String name) {
      switch (name) {
        case "sha":
          return sha;
        case "ref":
          return ref;
        case "task":
          return task;
        default:
          return environment;
      }
    }
  }

  private record DeploymentStatus(
      long id,
      String state,
      String description,
      String environment,
      String logUrl,
      String environmentUrl,
      Instant at) {}
}
