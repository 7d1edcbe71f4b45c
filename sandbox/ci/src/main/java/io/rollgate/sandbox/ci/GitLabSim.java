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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The GitLab REST API v4 part of the CI simulator, under {@link #baseUri()}{@code /api/v4}:
 * pipelines of a project by commit, pipeline creation with variables, one pipeline and its
 * variables. Projects are addressed by numeric id or by URL-encoded path ({@code group%2Fproject}).
 * Errors come as GitLab writes them: {@code {"message": ...}} (a string, or an object of field
 * errors) or {@code {"error": ...}}.
 *
 * <p>Requests need a {@code PRIVATE-TOKEN} header (or {@code Authorization: Bearer}); any token is
 * accepted unless {@link #requireToken} names one.
 *
 * <p>The admin API lives on the same server under {@link #adminUri()} ({@code /_sandbox/gitlab}),
 * needs no token and never sees the fault knobs. Bodies are JSON; errors are RFC 9457 problems.
 *
 * <pre>
 * POST /_sandbox/gitlab/projects    {"id":42,"path":"g/p","outcome","durationMillis"}
 * POST /_sandbox/gitlab/pipelines   {"project":"g/p","sha","ref"}
 * GET  /_sandbox/gitlab/triggered   pipelines created through the API
 * POST /_sandbox/gitlab/reset       {@link #reset()}
 * </pre>
 */
public final class GitLabSim {

  /** A pipeline the API created: which ref and variables it was asked for. */
  public record TriggeredPipeline(
      String project, long pipelineId, String ref, Map<String, String> variables) {}

  private static final String API = "/api/v4";
  private static final String ADMIN = "/gitlab";

  private final Clock clock;
  private final Duration queueTime;
  private final SimServer server;
  private final AtomicLong ids = new AtomicLong(47L);
  private final Map<String, Project> projects = new LinkedHashMap<>();
  private final List<TriggeredPipeline> triggered = new ArrayList<>();
  private String requiredToken;

  GitLabSim(int port, Clock clock, Duration queueTime) {
    this.clock = clock;
    this.queueTime = queueTime;
    SimServer.Builder b =
        SimServer.builder("gitlab")
            .port(port)
            .clock(clock)
            .errorShape(GitLabSim::error)
            .route("GET", API + "/projects/{id}/pipelines", guard(this::listPipelines))
            .route("POST", API + "/projects/{id}/pipeline", guard(this::createPipeline))
            .route("GET", API + "/projects/{id}/pipelines/{pipeline_id}", guard(this::getPipeline))
            .route(
                "GET",
                API + "/projects/{id}/pipelines/{pipeline_id}/variables",
                guard(this::pipelineVariables));
    adminRoutes(b);
    this.server = b.start();
  }

  /** The GitLab instance URL; the API lives under {@code /api/v4} of it. */
  public URI baseUri() {
    return server.baseUri();
  }

  /** Where the admin API lives: {@code <base>/_sandbox/gitlab}, without a trailing slash. */
  public URI adminUri() {
    return URI.create(server.baseUri() + "/_sandbox" + ADMIN);
  }

  /** The underlying server: fault knobs and request log. */
  public SimServer server() {
    return server;
  }

  /**
   * Declares project {@code path} (for example {@code group/service}) with numeric {@code id};
   * every pipeline it runs from now on ends as {@code behaviour} says.
   */
  public synchronized void project(String path, long id, Behaviour behaviour) {
    Project existing = projects.get(path);
    if (existing != null) {
      existing.behaviour = behaviour;
      return;
    }
    projects.put(path, new Project(id, path, behaviour));
  }

  /** The commit that {@code branch} points at; new pipelines on it run that commit. */
  public synchronized void branchHead(String project, String branch, String sha) {
    projectByPath(project).heads.put(branch, sha);
  }

  /** Seeds a pipeline for {@code sha}, starting now and running with the project's behaviour. */
  public synchronized long seedPipeline(String project, String sha, String ref, String source) {
    Project p = projectByPath(project);
    return newPipeline(p, sha, ref, source, Map.of()).id;
  }

  public synchronized void requireToken(String token) {
    this.requiredToken = token;
  }

  public synchronized List<TriggeredPipeline> triggeredPipelines() {
    return List.copyOf(triggered);
  }

  /**
   * Forgets pipelines, the token knob, the server's fault knobs and its request log; keeps declared
   * projects.
   */
  public synchronized void reset() {
    projects.values().forEach(p -> p.pipelines.clear());
    triggered.clear();
    requiredToken = null;
    if (server != null) {
      server.faults().clear();
      server.requests().clear();
    }
  }

  // ---- Admin routes, under /_sandbox/gitlab ----

  private void adminRoutes(SimServer.Builder b) {
    b.adminRoute(
        "POST",
        ADMIN + "/projects",
        req -> {
          JsonNode body = req.json();
          project(
              AdminBodies.text(body, "path"), body.path("id").asLong(), AdminBodies.behaviour(req));
          return SimResponse.empty(204);
        });
    b.adminRoute(
        "POST",
        ADMIN + "/pipelines",
        req -> {
          JsonNode body = req.json();
          long id =
              seedPipeline(
                  AdminBodies.text(body, "project"),
                  AdminBodies.text(body, "sha"),
                  body.path("ref").asText("main"),
                  "push");
          return SimResponse.json(201, SimJson.object().put("id", id));
        });
    b.adminRoute("GET", ADMIN + "/triggered", req -> SimResponse.ok(triggeredPipelines()));
    b.adminRoute(
        "POST",
        ADMIN + "/reset",
        req -> {
          reset();
          return SimResponse.empty(204);
        });
  }

  /** GitLab's error body for a status and message. */
  static SimResponse error(int status, String message) {
    if (message.startsWith("{")) {
      try {
        return SimResponse.json(status, SimJson.MAPPER.readTree(message));
      } catch (java.io.IOException ignored) {
        // fall through to the plain shape
      }
    }
    String text = message.matches("^\\d{3} .*") ? message : status + " " + message;
    return SimResponse.json(status, SimJson.object().put("message", text));
  }

  private SimServer.Handler guard(SimServer.Handler handler) {
    return request -> {
      String token =
          request
              .header("PRIVATE-TOKEN")
              .or(
                  () ->
                      request
                          .header("Authorization")
                          .filter(a -> a.startsWith("Bearer "))
                          .map(a -> a.substring(7)))
              .orElse("");
      synchronized (this) {
        if (token.isBlank() || (requiredToken != null && !requiredToken.equals(token))) {
          throw new SimProblem(401, "401 Unauthorized");
        }
      }
      return handler.handle(request);
    };
  }

  private synchronized SimResponse listPipelines(SimRequest req) {
    Project p = project(req);
    Instant now = clock.instant();
    List<Pipeline> matching =
        Page.newestFirst(
            p.pipelines.stream()
                .filter(x -> req.query("sha").map(x.sha::equals).orElse(true))
                .filter(x -> req.query("ref").map(x.ref::equals).orElse(true))
                .filter(x -> req.query("status").map(s -> s.equals(x.status(now))).orElse(true))
                .toList());
    if ("asc".equals(req.query("sort").orElse("desc"))) {
      matching = Page.newestFirst(matching);
    }
    Page page = Page.of(req, matching.size());
    ArrayNode items = SimJson.MAPPER.createArrayNode();
    page.slice(matching).forEach(x -> items.add(basicJson(p, x, now)));
    SimResponse response =
        SimResponse.ok(items)
            .header("X-Total", String.valueOf(matching.size()))
            .header("X-Total-Pages", String.valueOf(page.lastPage()))
            .header("X-Per-Page", String.valueOf(page.perPage()))
            .header("X-Page", String.valueOf(page.page()))
            .header(
                "X-Next-Page",
                page.page() < page.lastPage() ? String.valueOf(page.page() + 1) : "");
    return page.link(response, baseUri() + req.path(), req);
  }

  private synchronized SimResponse createPipeline(SimRequest req) {
    Project p = project(req);
    JsonNode body = req.json();
    String ref = body.path("ref").asText("");
    if (ref.isEmpty()) {
      throw new SimProblem(400, "{\"error\":\"ref is missing\"}");
    }
    if (!p.heads.containsKey(ref) && !ref.equals("main")) {
      throw new SimProblem(400, "{\"message\":{\"base\":[\"Reference not found\"]}}");
    }
    Map<String, String> variables = new LinkedHashMap<>();
    JsonNode given = body.path("variables");
    if (!given.isMissingNode() && !given.isArray()) {
      throw new SimProblem(400, "{\"error\":\"variables is invalid\"}");
    }
    for (JsonNode v : given) {
      if (!v.hasNonNull("key")) {
        throw new SimProblem(400, "{\"error\":\"variables[key] is missing\"}");
      }
      variables.put(v.get("key").asText(), v.path("value").asText(""));
    }
    String sha = p.heads.computeIfAbsent(ref, GitHubSim::fakeSha);
    Pipeline pipeline = newPipeline(p, sha, ref, "api", variables);
    triggered.add(new TriggeredPipeline(p.path, pipeline.id, ref, Map.copyOf(variables)));
    return SimResponse.json(201, fullJson(p, pipeline, clock.instant()));
  }

  private synchronized SimResponse getPipeline(SimRequest req) {
    Project p = project(req);
    return SimResponse.ok(fullJson(p, pipeline(p, req), clock.instant()));
  }

  private synchronized SimResponse pipelineVariables(SimRequest req) {
    Project p = project(req);
    ArrayNode items = SimJson.MAPPER.createArrayNode();
    pipeline(p, req)
        .variables
        .forEach(
            (k, v) ->
                items.add(
                    SimJson.object()
                        .put("key", k)
                        .put("value", v)
                        .put("variable_type", "env_var")));
    return SimResponse.ok(items);
  }

  private ObjectNode basicJson(Project p, Pipeline x, Instant now) {
    return SimJson.object()
        .put("id", x.id)
        .put("iid", x.iid)
        .put("project_id", p.id)
        .put("sha", x.sha)
        .put("ref", x.ref)
        .put("status", x.status(now))
        .put("source", x.source)
        .put("name", (String) null)
        .put("created_at", x.progress.createdAt().toString())
        .put("updated_at", x.progress.updatedAt(now).toString())
        .put("web_url", baseUri() + "/" + p.path + "/-/pipelines/" + x.id);
  }

  private ObjectNode fullJson(Project p, Pipeline x, Instant now) {
    ObjectNode node = basicJson(p, x, now);
    Progress.Phase phase = x.progress.phase(now);
    boolean started = phase != Progress.Phase.QUEUED;
    boolean finished = phase == Progress.Phase.FINISHED;
    node.put("before_sha", "0000000000000000000000000000000000000000")
        .put("tag", false)
        .put("yaml_errors", (String) null)
        .put("started_at", started ? x.progress.startsAt().toString() : null)
        .put("finished_at", finished ? x.progress.endsAt().toString() : null)
        .put("committed_at", (String) null)
        .put("coverage", (String) null)
        .put(
            "queued_duration",
            Duration.between(x.progress.createdAt(), x.progress.startsAt()).toMillis() / 1000.0);
    if (finished) {
      node.put("duration", (int) x.progress.behaviour().duration().toSeconds());
    } else {
      node.putNull("duration");
    }
    node.set(
        "user",
        SimJson.object()
            .put("id", 1)
            .put("username", "rollgate")
            .put("name", "Rollgate")
            .put("state", "active")
            .put("avatar_url", "https://www.gravatar.com/avatar/0")
            .put("web_url", baseUri() + "/rollgate"));
    String status = x.status(now);
    node.set(
        "detailed_status",
        SimJson.object()
            .put("icon", "status_" + status)
            .put("text", status)
            .put("label", status)
            .put("group", status)
            .put("has_details", true)
            .put("details_path", "/" + p.path + "/-/pipelines/" + x.id));
    return node;
  }

  private Project project(SimRequest req) {
    String id = req.pathParam("id");
    for (Project p : projects.values()) {
      if (p.path.equals(id) || String.valueOf(p.id).equals(id)) {
        return p;
      }
    }
    throw new SimProblem(404, "404 Project Not Found");
  }

  private Project projectByPath(String path) {
    Project p = projects.get(path);
    if (p == null) {
      throw new IllegalArgumentException("no project " + path + "; declare it with project()");
    }
    return p;
  }

  private Pipeline pipeline(Project p, SimRequest req) {
    String id = req.pathParam("pipeline_id");
    return p.pipelines.stream()
        .filter(x -> String.valueOf(x.id).equals(id))
        .findFirst()
        .orElseThrow(() -> new SimProblem(404, "404 Not found"));
  }

  private Pipeline newPipeline(
      Project p, String sha, String ref, String source, Map<String, String> variables) {
    Pipeline x =
        new Pipeline(
            ids.incrementAndGet(),
            p.pipelines.size() + 1,
            sha,
            ref,
            source,
            variables,
            Progress.of(clock.instant(), queueTime, p.behaviour));
    p.pipelines.add(x);
    return x;
  }

  private static final class Project {
    final long id;
    final String path;
    final Map<String, String> heads = new HashMap<>();
    final List<Pipeline> pipelines = new ArrayList<>();
    Behaviour behaviour;

    Project(long id, String path, Behaviour behaviour) {
      this.id = id;
      this.path = path;
      this.behaviour = behaviour;
    }
  }

  private record Pipeline(
      long id,
      int iid,
      String sha,
      String ref,
      String source,
      Map<String, String> variables,
      Progress progress) {

    String status(Instant now) {
      switch (progress.phase(now)) {
        case QUEUED:
          return "pending";
        case RUNNING:
          return "running";
        default:
          switch (progress.behaviour().outcome()) {
            case SUCCESS:
              return "success";
            case FAILURE:
              return "failed";
            default:
              return "canceled";
          }
      }
    }
  }
}
