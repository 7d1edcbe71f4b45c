package io.rollgate.sandbox.ci;

import com.fasterxml.jackson.databind.JsonNode;
import io.rollgate.sandbox.SimJson;
import io.rollgate.sandbox.SimProblem;
import io.rollgate.sandbox.SimRequest;
import io.rollgate.sandbox.SimResponse;
import io.rollgate.sandbox.SimServer;
import java.time.Duration;

/**
 * The simulator's own admin API, on a separate server so the fault knobs of the simulated systems
 * never get in its way. Bodies are JSON; errors are RFC 9457 problems.
 *
 * <pre>
 * GET  /                                              base URLs of the three systems
 * POST /reset                                         forget all runs and knobs
 * PUT  /github/repos/{owner}/{repo}/workflows/{file}  {"outcome":"success","durationMillis":300}
 * PUT  /github/repos/{owner}/{repo}/branches/{name}   {"sha":"..."}
 * POST /github/repos/{owner}/{repo}/runs              {"workflow","sha","branch","event"}
 * POST /github/repos/{owner}/{repo}/check-runs        {"sha","name","status","conclusion"}
 * POST /github/repos/{owner}/{repo}/statuses          {"sha","context","state"}
 * PUT  /github/dispatch-delay                         {"millis":200}
 * PUT  /github/rate-limit                             {"resetInMillis":1500}
 * GET  /github/protection-rule-reviews                what the protection rule callback received
 * GET  /github/dispatches                             workflow_dispatch requests with their run ids
 * POST /gitlab/projects                               {"id":42,"path":"g/p","outcome","durationMillis"}
 * POST /gitlab/pipelines                              {"project":"g/p","sha","ref"}
 * GET  /gitlab/triggered                              pipelines created through the API
 * POST /jenkins/jobs                                  {"name","revision","outcome","durationMillis"}
 * POST /jenkins/builds                                {"job","sha"}
 * POST /jenkins/crumbs/expire                         invalidate issued crumbs
 * GET  /jenkins/queued                                build requests with their parameters
 * </pre>
 */
final class CiAdmin {

  private CiAdmin() {}

  static SimServer start(int port, CiSimulator sim) {
    GitHubSim gh = sim.github();
    GitLabSim gl = sim.gitlab();
    JenkinsSim jk = sim.jenkins();
    String repo = "/github/repos/{owner}/{repo}";
    return SimServer.builder("ci-admin")
        .port(port)
        .route(
            "GET",
            "/",
            req ->
                SimResponse.ok(
                    SimJson.object()
                        .put("github", gh.baseUri().toString())
                        .put("gitlab", gl.baseUri() + "/api/v4")
                        .put("jenkins", jk.baseUri().toString())))
        .route(
            "POST",
            "/reset",
            req -> {
              sim.reset();
              return SimResponse.empty(204);
            })
        .route(
            "PUT",
            repo + "/workflows/{file}",
            req -> {
              gh.workflow(
                  req.pathParam("owner"),
                  req.pathParam("repo"),
                  req.pathParam("file"),
                  behaviour(req));
              return SimResponse.empty(204);
            })
        .route(
            "PUT",
            repo + "/branches/{branch}",
            req -> {
              gh.branchHead(
                  req.pathParam("owner"),
                  req.pathParam("repo"),
                  req.pathParam("branch"),
                  text(req.json(), "sha"));
              return SimResponse.empty(204);
            })
        .route(
            "POST",
            repo + "/runs",
            req -> {
              JsonNode b = req.json();
              long id =
                  gh.seedRun(
                      req.pathParam("owner"),
                      req.pathParam("repo"),
                      text(b, "workflow"),
                      text(b, "sha"),
                      b.path("branch").asText("main"),
                      b.path("event").asText("push"));
              return SimResponse.json(201, SimJson.object().put("id", id));
            })
        .route(
            "POST",
            repo + "/check-runs",
            req -> {
              JsonNode b = req.json();
              gh.seedCheckRun(
                  req.pathParam("owner"),
                  req.pathParam("repo"),
                  text(b, "sha"),
                  text(b, "name"),
                  b.path("status").asText("completed"),
                  b.path("conclusion").asText("success"));
              return SimResponse.empty(204);
            })
        .route(
            "POST",
            repo + "/statuses",
            req -> {
              JsonNode b = req.json();
              gh.seedStatus(
                  req.pathParam("owner"),
                  req.pathParam("repo"),
                  text(b, "sha"),
                  text(b, "context"),
                  text(b, "state"));
              return SimResponse.empty(204);
            })
        .route(
            "PUT",
            "/github/dispatch-delay",
            req -> {
              gh.dispatchDelay(Duration.ofMillis(req.json().path("millis").asLong()));
              return SimResponse.empty(204);
            })
        .route(
            "PUT",
            "/github/rate-limit",
            req -> {
              gh.exhaustRateLimit(Duration.ofMillis(req.json().path("resetInMillis").asLong()));
              return SimResponse.empty(204);
            })
        .route(
            "GET",
            "/github/protection-rule-reviews",
            req -> SimResponse.ok(gh.protectionRuleReviews()))
        .route("GET", "/github/dispatches", req -> SimResponse.ok(gh.dispatches()))
        .route(
            "POST",
            "/gitlab/projects",
            req -> {
              JsonNode b = req.json();
              gl.project(text(b, "path"), b.path("id").asLong(), behaviour(req));
              return SimResponse.empty(204);
            })
        .route(
            "POST",
            "/gitlab/pipelines",
            req -> {
              JsonNode b = req.json();
              long id =
                  gl.seedPipeline(
                      text(b, "project"), text(b, "sha"), b.path("ref").asText("main"), "push");
              return SimResponse.json(201, SimJson.object().put("id", id));
            })
        .route("GET", "/gitlab/triggered", req -> SimResponse.ok(gl.triggeredPipelines()))
        .route(
            "POST",
            "/jenkins/jobs",
            req -> {
              JsonNode b = req.json();
              jk.job(text(b, "name"), text(b, "revision"), behaviour(req));
              return SimResponse.empty(204);
            })
        .route(
            "POST",
            "/jenkins/builds",
            req -> {
              JsonNode b = req.json();
              int number = jk.seedBuild(text(b, "job"), text(b, "sha"));
              return SimResponse.json(201, SimJson.object().put("number", number));
            })
        .route(
            "POST",
            "/jenkins/crumbs/expire",
            req -> {
              jk.expireCrumbs();
              return SimResponse.empty(204);
            })
        .route("GET", "/jenkins/queued", req -> SimResponse.ok(jk.queuedBuilds()))
        .start();
  }

  private static Behaviour behaviour(SimRequest req) {
    JsonNode b = req.json();
    try {
      return Behaviour.parse(
          b.path("outcome").asText("success"), b.path("durationMillis").asLong(0));
    } catch (IllegalArgumentException e) {
      throw new SimProblem(400, e.getMessage());
    }
  }

  private static String text(JsonNode body, String field) {
    String value = body.path(field).asText("");
    if (value.isEmpty()) {
      throw new SimProblem(400, "\"" + field + "\" is required");
    }
    return value;
  }
}
