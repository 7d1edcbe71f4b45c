package io.rollgate.app.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Requests no rule of {@link EndpointRules} matches. Without a credential: 401. When a controller
 * or actuator endpoint serves the request: refused, since it was added without a rule. Otherwise
 * (no such path, or not with this method): let through for Spring MVC to answer 404 or 405.
 */
final class UnlistedEndpoints implements AuthorizationManager<RequestAuthorizationContext> {

  private static final Logger LOG = LoggerFactory.getLogger(UnlistedEndpoints.class);

  private final ApplicationContext context;
  private final AuthenticationTrustResolver trust = new AuthenticationTrustResolverImpl();
  private volatile List<RequestMatcher> served;

  UnlistedEndpoints(ApplicationContext context) {
    this.context = context;
  }

  @Override
  public AuthorizationDecision check(
      Supplier<Authentication> authentication, RequestAuthorizationContext request) {
    if (!trust.isAuthenticated(authentication.get())) {
      return new AuthorizationDecision(false);
    }
    HttpServletRequest http = request.getRequest();
    if (served().stream().anyMatch(m -> m.matches(http))) {
      LOG.warn(
          "request refused: no access rule for endpoint method={} path={}",
          http.getMethod(),
          http.getRequestURI());
      return new AuthorizationDecision(false);
    }
    return new AuthorizationDecision(true);
  }

  /** What the handler mappings serve; read at the first request, when they are all built. */
  private List<RequestMatcher> served() {
    List<RequestMatcher> matchers = served;
    if (matchers == null) {
      matchers = new ArrayList<>();
      PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
      for (RequestMappingInfoHandlerMapping mapping :
          context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
        for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
          for (String pattern : info.getPatternValues()) {
            if (info.getMethodsCondition().getMethods().isEmpty()) {
              matchers.add(paths.matcher(pattern));
            }
            for (RequestMethod method : info.getMethodsCondition().getMethods()) {
              matchers.add(paths.matcher(HttpMethod.valueOf(method.name()), pattern));
            }
          }
        }
      }
      served = List.copyOf(matchers);
    }
    return matchers;
  }
}
