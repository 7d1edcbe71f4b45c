package io.rollgate.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollgate.app.support.RunningService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Every endpoint the running service has (controllers, actuator, API docs), called by every kind of
 * caller, answers as {@link EndpointRules} says: 401 without or with a bad credential, 403 with the
 * wrong role, and neither otherwise. An endpoint the table has no rule for fails here.
 */
class EndpointRulesIT extends RunningService {

  /** Who calls: no credential, a bad one, or a valid token with one role. */
  record Caller(String label, Role role, boolean sendsBadToken) {}

  record Endpoint(HttpMethod method, String pattern) {
    String samplePath() {
      return pattern.replaceAll("\\{[^}]*}", "x0").replace("**", "x0").replace("*", "x0");
    }
  }

  @Autowired private ApplicationContext context;

  private final Map<Role, String> tokens = new LinkedHashMap<>();

  @Test
  void everyEndpointHasARule() {
    // given
    List<Endpoint> endpoints = endpoints();

    // when
    List<Endpoint> withoutRule =
        endpoints.stream()
            .filter(e -> EndpointRules.ruleFor(e.method(), e.samplePath()).isEmpty())
            .toList();

    // then
    assertThat(endpoints)
        .extracting(Endpoint::pattern)
        .contains(
            "/api/v1/releases",
            "/api/v1/releases/{id}/gates/go-no-go/decision",
            "/api/v1/releases/{id}/events",
            "/api/v1/releases/{id}/evidence",
            "/api/v1/releases/{id}/diagram",
            "/api/v1/releases/{id}/abort",
            "/api/v1/releases/{id}/retry",
            "/api/v1/releases/{id}/deployments",
            "/api/v1/audit/verify",
            "/api/v1/tokens",
            "/api/v1/webhooks/servicenow",
            "/api/v1/webhooks/github",
            "/actuator/prometheus");
    assertThat(withoutRule).as("endpoints without a rule in EndpointRules").isEmpty();
  }

  @TestFactory
  Stream<DynamicTest> everyEndpointAnswersEachCallerAsItsRuleSays() {
    List<Caller> callers = new ArrayList<>();
    callers.add(new Caller("no credential", null, false));
    callers.add(new Caller("a bad token", null, true));
    for (Role role : Role.values()) {
      callers.add(new Caller(role.value(), role, false));
    }
    return endpoints().stream()
        .flatMap(
            endpoint ->
                callers.stream()
                    .map(
                        caller ->
                            DynamicTest.dynamicTest(
                                endpoint.method()
                                    + " "
                                    + endpoint.pattern()
                                    + " by "
                                    + caller.label(),
                                () -> answersAsTheRuleSays(endpoint, caller))));
  }

  private void answersAsTheRuleSays(Endpoint endpoint, Caller caller) {
    // given
    Optional<EndpointRules.Rule> rule =
        EndpointRules.ruleFor(endpoint.method(), endpoint.samplePath());
    assertThat(rule).as("a rule for " + endpoint).isPresent();
    String expected = expected(rule.get().access(), caller);

    // when
    Answer answer =
        call(
            endpoint.method().name(),
            endpoint.samplePath(),
            credential(caller),
            hasBody(endpoint.method()) ? "application/json" : null,
            hasBody(endpoint.method()) ? "{}" : null);

    // then
    String what =
        endpoint + " by " + caller.label() + " answered " + answer.status() + " " + answer.body();
    switch (expected) {
      case "401" ->
          assertThat(answer.status() == 401 && answer.refusedBySecurity()).as(what).isTrue();
      case "403" ->
          assertThat(answer.status() == 403 && answer.refusedBySecurity()).as(what).isTrue();
      default -> assertThat(answer.refusedBySecurity()).as(what).isFalse();
    }
  }

  /** A presented bad credential is refused even where no credential is needed (RFC 6750). */
  private static String expected(Access access, Caller caller) {
    if (caller.sendsBadToken()) {
      return "401";
    }
    if (access instanceof Access.Open) {
      return "allowed";
    }
    if (caller.role() == null) {
      return "401";
    }
    if (access instanceof Access.AnyOf anyOf && !anyOf.roles().contains(caller.role())) {
      return "403";
    }
    return "allowed";
  }

  private String credential(Caller caller) {
    if (caller.sendsBadToken()) {
      return "rg_" + "not-issued-by-this-service-0123456789";
    }
    if (caller.role() == null) {
      return null;
    }
    return tokens.computeIfAbsent(caller.role(), r -> token("rules-" + r.value(), r.value()));
  }

  private static boolean hasBody(HttpMethod method) {
    return method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH;
  }

  /** What every handler mapping of the running service serves; all methods as GET and POST. */
  private List<Endpoint> endpoints() {
    TreeSet<String> seen = new TreeSet<>();
    List<Endpoint> endpoints = new ArrayList<>();
    for (RequestMappingInfoHandlerMapping mapping :
        context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
      for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
        List<HttpMethod> methods =
            info.getMethodsCondition().getMethods().isEmpty()
                ? List.of(HttpMethod.GET, HttpMethod.POST)
                : info.getMethodsCondition().getMethods().stream()
                    .map(RequestMethod::name)
                    .map(HttpMethod::valueOf)
                    .toList();
        for (String pattern : info.getPatternValues()) {
          for (HttpMethod method : methods) {
            if (seen.add(method + " " + pattern)) {
              endpoints.add(new Endpoint(method, pattern));
            }
          }
        }
      }
    }
    return endpoints;
  }
}
