package io.rollgate.app.security;

import static io.rollgate.app.security.Role.ADMIN;
import static io.rollgate.app.security.Role.CAB;
import static io.rollgate.app.security.Role.PIPELINE;
import static io.rollgate.app.security.Role.RELEASE_MANAGER;
import static io.rollgate.app.security.Role.VIEWER;

import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Who may call what: the one table the service's authorization is built from. A request that no
 * rule matches is refused when a controller serves it (an endpoint was added without a rule; a test
 * fails on that too); otherwise an authenticated caller gets 404 or 405.
 *
 * <p>Patterns are Spring MVC path patterns; {@code method} null matches every method.
 */
final class EndpointRules {

  /** One row: method (null for all) and path pattern to who may call. */
  record Rule(HttpMethod method, String pattern, Access access) {

    boolean matches(HttpMethod requestMethod, String path) {
      return (method == null || method.equals(requestMethod))
          && PathPatternParser.defaultInstance
              .parse(pattern)
              .matches(PathContainer.parsePath(path));
    }
  }

  static final List<Rule> RULES =
      List.of(
          // the gate API
          new Rule(
              HttpMethod.POST, "/api/v1/releases", Access.anyOf(PIPELINE, RELEASE_MANAGER, ADMIN)),
          new Rule(HttpMethod.GET, "/api/v1/releases", Access.everyRole()),
          new Rule(HttpMethod.GET, "/api/v1/releases/{id}", Access.everyRole()),
          new Rule(HttpMethod.GET, "/api/v1/releases/{id}/decisions", Access.everyRole()),
          new Rule(HttpMethod.GET, "/api/v1/releases/{id}/gates/{gate}", Access.everyRole()),
          new Rule(HttpMethod.GET, "/api/v1/releases/{id}/events", Access.everyRole()),
          new Rule(HttpMethod.GET, "/api/v1/releases/{id}/evidence", Access.everyRole()),
          new Rule(HttpMethod.GET, "/api/v1/releases/{id}/diagram", Access.everyRole()),
          // a pipeline may stop or report on only the releases it started (checked by the service)
          new Rule(
              HttpMethod.POST,
              "/api/v1/releases/{id}/abort",
              Access.anyOf(PIPELINE, RELEASE_MANAGER, ADMIN)),
          new Rule(
              HttpMethod.POST,
              "/api/v1/releases/{id}/deployments",
              Access.anyOf(PIPELINE, RELEASE_MANAGER, ADMIN)),
          new Rule(
              HttpMethod.POST,
              "/api/v1/releases/{id}/gates/go-no-go/decision",
              Access.anyOf(RELEASE_MANAGER, ADMIN)),
          // a stopped step runs again only when a person decides so
          new Rule(
              HttpMethod.POST, "/api/v1/releases/{id}/retry", Access.anyOf(RELEASE_MANAGER, ADMIN)),
          // user tasks waiting for a person; completing goes through the task's own checks
          new Rule(HttpMethod.GET, "/api/v1/tasks", Access.everyRole()),
          new Rule(HttpMethod.GET, "/api/v1/tasks/{key}", Access.everyRole()),
          new Rule(
              HttpMethod.POST,
              "/api/v1/tasks/{key}/completion",
              Access.anyOf(RELEASE_MANAGER, ADMIN)),
          // delivery KPIs from the release records and the decision log
          new Rule(HttpMethod.GET, "/api/v1/kpis", Access.everyRole()),
          new Rule(
              HttpMethod.GET,
              "/api/v1/audit/verify",
              Access.anyOf(VIEWER, RELEASE_MANAGER, CAB, ADMIN)),
          // API tokens
          new Rule(HttpMethod.POST, "/api/v1/tokens", Access.anyOf(ADMIN)),
          new Rule(HttpMethod.GET, "/api/v1/tokens", Access.anyOf(ADMIN)),
          new Rule(HttpMethod.DELETE, "/api/v1/tokens/{id}", Access.anyOf(ADMIN)),
          // ServiceNow authenticates by its HMAC signature, checked by the webhook itself
          new Rule(HttpMethod.POST, "/api/v1/webhooks/servicenow", Access.open()),
          // GitHub authenticates by X-Hub-Signature-256, checked by the webhook itself
          new Rule(HttpMethod.POST, "/api/v1/webhooks/github", Access.open()),
          // operations: probes open, metrics for any caller with a credential
          new Rule(HttpMethod.GET, "/actuator/health/**", Access.open()),
          new Rule(HttpMethod.GET, "/actuator/info", Access.open()),
          new Rule(HttpMethod.GET, "/actuator", Access.authenticated()),
          new Rule(HttpMethod.GET, "/actuator/prometheus", Access.authenticated()),
          new Rule(HttpMethod.GET, "/actuator/metrics/**", Access.authenticated()),
          // the API's description and its browser
          new Rule(HttpMethod.GET, "/api/v1/openapi.json", Access.open()),
          new Rule(HttpMethod.GET, "/api/v1/openapi.json/**", Access.open()),
          new Rule(HttpMethod.GET, "/api/v1/openapi.json.yaml", Access.open()),
          new Rule(HttpMethod.GET, "/swagger-ui.html", Access.open()),
          new Rule(HttpMethod.GET, "/swagger-ui/**", Access.open()),
          // the console: how to sign in, then who signed in; its data comes only through the API
          // above
          new Rule(HttpMethod.GET, "/console/session/sign-in", Access.open()),
          new Rule(HttpMethod.GET, "/console/session/caller", Access.authenticated()),
          // the console's pages, scripts and styles
          new Rule(HttpMethod.GET, "/console", Access.open()),
          new Rule(HttpMethod.GET, "/console/**", Access.open()),
          // where the servlet container renders errors
          new Rule(null, "/error", Access.open()));

  private EndpointRules() {}

  /** The rule a request with this method and path falls under, if any: the first that matches. */
  static Optional<Rule> ruleFor(HttpMethod method, String path) {
    return RULES.stream().filter(r -> r.matches(method, path)).findFirst();
  }
}
