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
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Jenkins JSON API part of the CI simulator: jobs (top level or one folder deep, {@code
 * /job/folder/job/name}), their builds and last build, {@code buildWithParameters} / {@code build}
 * answering 201 with the queue item's {@code Location}, queue items that turn into builds after a
 * quiet period, and the crumb issuer.
 *
 * <p>Authentication is HTTP Basic. With the user's API token a POST needs no crumb; with the
 * password it needs the crumb of its session ({@code GET /crumbIssuer/api/json} sets the session
 * cookie), else 403 "No valid crumb was included in the request". Errors are Jetty's HTML pages.
 *
 * <p>The admin API lives on the same server under {@link #adminUri()} ({@code /_sandbox/jenkins}),
 * needs no authentication and never sees the fault knobs. Bodies are JSON; errors are RFC 9457
 * problems.
 *
 * <pre>
 * POST /_sandbox/jenkins/jobs            {"name","revision","outcome","durationMillis"}
 * POST /_sandbox/jenkins/builds          {"job","sha"}
 * POST /_sandbox/jenkins/crumbs/expire   invalidate issued crumbs
 * GET  /_sandbox/jenkins/queued          build requests with their parameters
 * POST /_sandbox/jenkins/reset           {@link #reset()}
 * </pre>
 */
public final class JenkinsSim {

  /** A build request the simulator accepted. */
  public record QueuedBuild(String job, long queueId, Map<String, String> parameters) {}

  private static final String CRUMB_FIELD = "Jenkins-Crumb";
  private static final String SESSION_COOKIE = "JSESSIONID.sim";
  private static final String ADMIN = "/jenkins";

  private final Clock clock;
  private final Duration quietPeriod;
  private final SimServer server;
  private final AtomicLong queueIds = new AtomicLong(41);
  private final Map<String, Job> jobs = new LinkedHashMap<>();
  private final Map<Long, Item> queue = new HashMap<>();
  private final Map<String, String> crumbsBySession = new HashMap<>();
  private final List<QueuedBuild> queued = new ArrayList<>();
  private final String user;
  private final String apiToken;
  private final String password;
  private int crumbsIssued;

  JenkinsSim(
      int port, Clock clock, Duration quietPeriod, String user, String apiToken, String password) {
    this.clock = clock;
    this.quietPeriod = quietPeriod;
    this.user = user;
    this.apiToken = apiToken;
    this.password = password;
    SimServer.Builder b =
        SimServer.builder("jenkins").port(port).clock(clock).errorShape(JenkinsSim::error);
    b.route("GET", "/crumbIssuer/api/json", guard(this::crumb, false));
    b.route("GET", "/queue/item/{id}/api/json", guard(this::queueItem, false));
    for (String prefix : new String[] {"/job/{job}", "/job/{folder}/job/{job}"}) {
      b.route("GET", prefix + "/api/json", guard(this::jobJson, false));
      b.route("GET", prefix + "/lastBuild/api/json", guard(this::lastBuild, false));
      b.route("GET", prefix + "/{number}/api/json", guard(this::build, false));
      b.route("POST", prefix + "/buildWithParameters", guard(this::trigger, true));
      b.route("POST", prefix + "/build", guard(this::trigger, true));
    }
    adminRoutes(b);
    this.server = b.start();
  }

  /** The Jenkins root URL, without a trailing slash. */
  public URI baseUri() {
    return server.baseUri();
  }

  /** Where the admin API lives: {@code <base>/_sandbox/jenkins}, without a trailing slash. */
  public URI adminUri() {
    return URI.create(server.baseUri() + "/_sandbox" + ADMIN);
  }

  /** The underlying server: fault knobs and request log. */
  public SimServer server() {
    return server;
  }

  /** The user that authenticates with {@link #apiToken()} or {@link #password()}. */
  public String user() {
    return user;
  }

  public String apiToken() {
    return apiToken;
  }

  public String password() {
    return password;
  }

  /**
   * Declares job {@code name} ({@code folder/name} for a job in a folder); every build it runs from
   * now on ends as {@code behaviour} says. {@code revision} is the commit its builds check out
   * unless a {@code GIT_COMMIT} parameter names another.
   */
  public synchronized void job(String name, String revision, Behaviour behaviour) {
    Job existing = jobs.get(name);
    if (existing != null) {
      existing.behaviour = behaviour;
      existing.revision = revision;
      return;
    }
    jobs.put(name, new Job(name, revision, behaviour));
  }

  /** Seeds a build of {@code job} for commit {@code sha}, starting now; returns its number. */
  public synchronized int seedBuild(String job, String sha) {
    Job j = job(job);
    Build b = j.newBuild(sha, Map.of(), clock.instant(), Duration.ZERO, queueIds.incrementAndGet());
    return b.number;
  }

  /** Invalidates every crumb issued so far, as a restart or an expired session does. */
  public synchronized void expireCrumbs() {
    crumbsBySession.clear();
  }

  public synchronized int crumbsIssued() {
    return crumbsIssued;
  }

  public synchronized List<QueuedBuild> queuedBuilds() {
    return List.copyOf(queued);
  }

  /**
   * Forgets builds, queue items and crumbs, the server's fault knobs and its request log; keeps
   * declared jobs.
   */
  public synchronized void reset() {
    jobs.values().forEach(j -> j.builds.clear());
    queue.clear();
    queued.clear();
    crumbsBySession.clear();
    crumbsIssued = 0;
    if (server != null) {
      server.faults().clear();
      server.requests().clear();
    }
  }

  // ---- Admin routes, under /_sandbox/jenkins ----

  private void adminRoutes(SimServer.Builder b) {
    b.adminRoute(
        "POST",
        ADMIN + "/jobs",
        req -> {
          JsonNode body = req.json();
          job(
              AdminBodies.text(body, "name"),
              AdminBodies.text(body, "revision"),
              AdminBodies.behaviour(req));
          return SimResponse.empty(204);
        });
    b.adminRoute(
        "POST",
        ADMIN + "/builds",
        req -> {
          JsonNode body = req.json();
          int number = seedBuild(AdminBodies.text(body, "job"), AdminBodies.text(body, "sha"));
          return SimResponse.json(201, SimJson.object().put("number", number));
        });
    b.adminRoute(
        "POST",
        ADMIN + "/crumbs/expire",
        req -> {
          expireCrumbs();
          return SimResponse.empty(204);
        });
    b.adminRoute("GET", ADMIN + "/queued", req -> SimResponse.ok(queuedBuilds()));
    b.adminRoute(
        "POST",
        ADMIN + "/reset",
        req -> {
          reset();
          return SimResponse.empty(204);
        });
  }

  /** Jetty's HTML error page. */
  static SimResponse error(int status, String message) {
    String reason = message.replace("&", "&amp;").replace("<", "&lt;");
    String html =
        "<html>\n<head>\n<meta http-equiv=\"Content-Type\" content=\"text/html;charset=utf-8\"/>\n"
            + "<title>Error "
            + status
            + " "
            + reason
            + "</title>\n</head>\n<body><h2>HTTP ERROR "
            + status
            + " "
            + reason
            + "</h2>\n<table>\n<tr><th>STATUS:</th><td>"
            + status
            + "</td></tr>\n<tr><th>MESSAGE:</th><td>"
            + reason
            + "</td></tr>\n</table>\n<hr/><a href=\"https://eclipse.org/jetty\">Powered by"
            + " Jetty:// 10.0.20</a><hr/>\n</body>\n</html>\n";
    SimResponse response = SimResponse.text(status, "text/html;charset=utf-8", html);
    if (status == 401) {
      response.header("WWW-Authenticate", "Basic realm=\"Jenkins\"");
    }
    return response;
  }

  private enum Auth {
    API_TOKEN,
    PASSWORD
  }

  private SimServer.Handler guard(SimServer.Handler handler, boolean needsCrumb) {
    return request -> {
      synchronized (this) {
        settleQueue();
        Auth auth = authenticate(request);
        if (needsCrumb && auth == Auth.PASSWORD) {
          String session = session(request).orElse("");
          String expected = crumbsBySession.get(session);
          String given = request.header(CRUMB_FIELD).orElse(null);
          if (expected == null || !expected.equals(given)) {
            throw new SimProblem(403, "No valid crumb was included in the request");
          }
        }
      }
      return handler.handle(request);
    };
  }

  private Auth authenticate(SimRequest request) {
    String header = request.header("Authorization").orElse("");
    if (!header.startsWith("Basic ")) {
      throw new SimProblem(403, "anonymous is missing the Overall/Read permission");
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new SimProblem(401, "Invalid authentication header");
    }
    int colon = decoded.indexOf(':');
    String name = colon < 0 ? decoded : decoded.substring(0, colon);
    String secret = colon < 0 ? "" : decoded.substring(colon + 1);
    if (name.equals(user) && secret.equals(apiToken)) {
      return Auth.API_TOKEN;
    }
    if (name.equals(user) && secret.equals(password)) {
      return Auth.PASSWORD;
    }
    throw new SimProblem(401, "Invalid password/token for user: " + name);
  }

  private static Optional<String> session(SimRequest request) {
    for (Map.Entry<String, List<String>> h : request.headers().entrySet()) {
      if (!h.getKey().equalsIgnoreCase("Cookie")) {
        continue;
      }
      for (String line : h.getValue()) {
        for (String part : line.split(";")) {
          String[] kv = part.trim().split("=", 2);
          if (kv.length == 2 && kv[0].equals(SESSION_COOKIE)) {
            return Optional.of(kv[1]);
          }
        }
      }
    }
    return Optional.empty();
  }

  private synchronized SimResponse crumb(SimRequest req) {
    String session = session(req).orElseGet(() -> UUID.randomUUID().toString().replace("-", ""));
    String crumb = UUID.randomUUID().toString().replace("-", "");
    crumbsBySession.put(session, crumb);
    crumbsIssued++;
    return SimResponse.ok(
            SimJson.object()
                .put("_class", "hudson.security.csrf.DefaultCrumbIssuer")
                .put("crumb", crumb)
                .put("crumbRequestField", CRUMB_FIELD))
        .header("Set-Cookie", SESSION_COOKIE + "=" + session + "; Path=/; HttpOnly");
  }

  private synchronized SimResponse trigger(SimRequest req) {
    Job j = job(req);
    Map<String, String> parameters = new LinkedHashMap<>();
    req.query().forEach((k, v) -> parameters.put(k, v.get(0)));
    String contentType = req.header("Content-Type").orElse("");
    if (contentType.startsWith("application/x-www-form-urlencoded") && req.body().length > 0) {
      for (String pair : req.bodyText().split("&")) {
        int eq = pair.indexOf('=');
        String key = eq < 0 ? pair : pair.substring(0, eq);
        String value = eq < 0 ? "" : pair.substring(eq + 1);
        parameters.put(decode(key), decode(value));
      }
    }
    long id = queueIds.incrementAndGet();
    Instant now = clock.instant();
    queue.put(id, new Item(id, j, parameters, now, now.plus(quietPeriod)));
    queued.add(new QueuedBuild(j.name, id, Map.copyOf(parameters)));
    return SimResponse.empty(201).header("Location", baseUri() + "/queue/item/" + id + "/");
  }

  private synchronized SimResponse queueItem(SimRequest req) {
    Item item;
    try {
      item = queue.get(Long.parseLong(req.pathParam("id")));
    } catch (NumberFormatException e) {
      item = null;
    }
    if (item == null) {
      throw new SimProblem(404, "Not Found");
    }
    Instant now = clock.instant();
    ObjectNode node =
        SimJson.object()
            .put("id", item.id)
            .put("blocked", false)
            .put("inQueueSince", item.at.toEpochMilli())
            .put("stuck", false)
            .put("url", "queue/item/" + item.id + "/");
    node.set(
        "task",
        SimJson.object()
            .put("_class", "hudson.model.FreeStyleProject")
            .put("name", item.job.name)
            .put("url", jobUrl(item.job.name)));
    if (item.build == null) {
      long left = Duration.between(now, item.leavesAt).toMillis();
      node.put("_class", "hudson.model.Queue$WaitingItem")
          .put("buildable", false)
          .put("why", "In the quiet period. Expires in " + left + " ms")
          .putNull("executable");
      return SimResponse.ok(node);
    }
    node.put("_class", "hudson.model.Queue$LeftItem")
        .put("buildable", false)
        .put("cancelled", false)
        .putNull("why");
    node.set(
        "executable",
        SimJson.object()
            .put("_class", "hudson.model.FreeStyleBuild")
            .put("number", item.build.number)
            .put("url", jobUrl(item.job.name) + item.build.number + "/"));
    return SimResponse.ok(node);
  }

  /** Turns every queue item whose quiet period is over into a build, in the order queued. */
  private void settleQueue() {
    Instant now = clock.instant();
    queue.values().stream()
        .filter(item -> item.build == null && !now.isBefore(item.leavesAt))
        .sorted(java.util.Comparator.comparingLong(item -> item.id))
        .forEach(
            item ->
                item.build =
                    item.job.newBuild(
                        item.parameters.getOrDefault("GIT_COMMIT", item.job.revision),
                        item.parameters,
                        item.leavesAt,
                        Duration.ZERO,
                        item.id));
  }

  private synchronized SimResponse jobJson(SimRequest req) {
    Job j = job(req);
    Instant now = clock.instant();
    ObjectNode node =
        SimJson.object()
            .put("_class", "hudson.model.FreeStyleProject")
            .put("name", j.name.substring(j.name.lastIndexOf('/') + 1))
            .put("fullName", j.name)
            .put("url", jobUrl(j.name))
            .put("buildable", true)
            .put("nextBuildNumber", j.builds.size() + 1);
    ArrayNode builds = node.putArray("builds");
    Page.newestFirst(j.builds).forEach(b -> builds.add(buildJson(j, b, now)));
    if (j.builds.isEmpty()) {
      node.putNull("lastBuild");
    } else {
      Build last = j.builds.get(j.builds.size() - 1);
      node.set(
          "lastBuild",
          SimJson.object()
              .put("_class", "hudson.model.FreeStyleBuild")
              .put("number", last.number)
              .put("url", jobUrl(j.name) + last.number + "/"));
    }
    return SimResponse.ok(node);
  }

  private synchronized SimResponse lastBuild(SimRequest req) {
    Job j = job(req);
    if (j.builds.isEmpty()) {
      throw new SimProblem(404, "Not Found");
    }
    return SimResponse.ok(buildJson(j, j.builds.get(j.builds.size() - 1), clock.instant()));
  }

  private synchronized SimResponse build(SimRequest req) {
    Job j = job(req);
    String number = req.pathParam("number");
    return j.builds.stream()
        .filter(b -> String.valueOf(b.number).equals(number))
        .findFirst()
        .map(b -> SimResponse.ok(buildJson(j, b, clock.instant())))
        .orElseThrow(() -> new SimProblem(404, "Not Found"));
  }

  private ObjectNode buildJson(Job j, Build b, Instant now) {
    Progress.Phase phase = b.progress.phase(now);
    boolean building = phase != Progress.Phase.FINISHED;
    ObjectNode node =
        SimJson.object()
            .put("_class", "hudson.model.FreeStyleBuild")
            .put("number", b.number)
            .put("id", String.valueOf(b.number))
            .put("displayName", "#" + b.number)
            .put("fullDisplayName", j.name + " #" + b.number)
            .put("url", jobUrl(j.name) + b.number + "/")
            .put("building", building)
            .put("result", building ? null : result(b.progress.behaviour().outcome()))
            .put("timestamp", b.progress.startsAt().toEpochMilli())
            .put(
                "duration",
                building
                    ? 0
                    : Duration.between(b.progress.startsAt(), b.progress.endsAt()).toMillis())
            .put("estimatedDuration", b.progress.behaviour().duration().toMillis())
            .put("queueId", b.queueId);
    ArrayNode actions = node.putArray("actions");
    if (!b.parameters.isEmpty()) {
      ArrayNode params =
          actions.addObject().put("_class", "hudson.model.ParametersAction").putArray("parameters");
      b.parameters.forEach(
          (k, v) ->
              params
                  .addObject()
                  .put("_class", "hudson.model.StringParameterValue")
                  .put("name", k)
                  .put("value", v));
    }
    actions.addObject().put("_class", "hudson.model.CauseAction");
    ObjectNode buildData = actions.addObject().put("_class", "hudson.plugins.git.util.BuildData");
    ObjectNode revision = buildData.putObject("lastBuiltRevision").put("SHA1", b.sha);
    revision
        .putArray("branch")
        .addObject()
        .put("SHA1", b.sha)
        .put("name", "refs/remotes/origin/main");
    buildData.putArray("remoteUrls").add("https://git.example.com/" + j.name + ".git");
    actions.addObject();
    return node;
  }

  private static String result(Behaviour.Outcome outcome) {
    switch (outcome) {
      case SUCCESS:
        return "SUCCESS";
      case FAILURE:
        return "FAILURE";
      default:
        return "ABORTED";
    }
  }

  private String jobUrl(String name) {
    return baseUri() + "/job/" + name.replace("/", "/job/") + "/";
  }

  private Job job(SimRequest req) {
    String folder = req.pathParam("folder");
    String name = folder == null ? req.pathParam("job") : folder + "/" + req.pathParam("job");
    Job j = jobs.get(name);
    if (j == null) {
      throw new SimProblem(404, "Not Found");
    }
    return j;
  }

  private Job job(String name) {
    Job j = jobs.get(name);
    if (j == null) {
      throw new IllegalArgumentException("no job " + name + "; declare it with job()");
    }
    return j;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static final class Job {
    final String name;
    final List<Build> builds = new ArrayList<>();
    String revision;
    Behaviour behaviour;

    Job(String name, String revision, Behaviour behaviour) {
      this.name = name;
      this.revision = revision;
      this.behaviour = behaviour;
    }

    Build newBuild(
        String sha, Map<String, String> parameters, Instant at, Duration queue, long queueId) {
      Build b =
          new Build(builds.size() + 1, sha, parameters, queueId, Progress.of(at, queue, behaviour));
      builds.add(b);
      return b;
    }
  }

  private record Build(
      int number, String sha, Map<String, String> parameters, long queueId, Progress progress) {}

  private static final class Item {
    final long id;
    final Job job;
    final Map<String, String> parameters;
    final Instant at;
    final Instant leavesAt;
    Build build;

    Item(long id, Job job, Map<String, String> parameters, Instant at, Instant leavesAt) {
      this.id = id;
      this.job = job;
      this.parameters = parameters;
      this.at = at;
      this.leavesAt = leavesAt;
    }
  }
}
