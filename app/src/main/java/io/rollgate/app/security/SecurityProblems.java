package io.rollgate.app.security;

import io.rollgate.app.problem.ProblemAdvice;
import io.rollgate.app.problem.ProblemWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * 401 and 403 as RFC 9457 problems, with the {@code WWW-Authenticate: Bearer} challenge of RFC
 * 6750: a missing or refused credential is 401, a credential without the role the endpoint needs is
 * 403 naming the roles that would do. A request the firewall rejects (a URL with {@code //} or
 * {@code ;}, a method such as TRACE) is 400 saying what it contained.
 */
final class SecurityProblems
    implements AuthenticationEntryPoint, AccessDeniedHandler, RequestRejectedHandler {

  private static final String REALM = "Bearer realm=\"rollgate\"";

  private final ProblemWriter problems;

  SecurityProblems(ProblemWriter problems) {
    this.problems = problems;
  }

  @Override
  public void commence(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    boolean refused = e instanceof InvalidBearerTokenException;
    response.setHeader(
        HttpHeaders.WWW_AUTHENTICATE, refused ? REALM + ", error=\"invalid_token\"" : REALM);
    String detail =
        refused
            ? e.getMessage()
            : "this endpoint needs an API token or a JWT: send 'Authorization: Bearer <token>'";
    problems.write(
        request, response, ProblemAdvice.problem(HttpStatus.UNAUTHORIZED, "Unauthorized", detail));
  }

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
      throws IOException {
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, REALM + ", error=\"insufficient_scope\"");
    problems.write(
        request,
        response,
        ProblemAdvice.problem(HttpStatus.FORBIDDEN, "Forbidden", needed(request)));
  }

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, RequestRejectedException e)
      throws IOException {
    problems.write(
        request,
        response,
        ProblemAdvice.problem(HttpStatus.BAD_REQUEST, "Request rejected", e.getMessage()));
  }

  private static String needed(HttpServletRequest request) {
    String call = request.getMethod() + " " + request.getRequestURI();
    return EndpointRules.ruleFor(HttpMethod.valueOf(request.getMethod()), path(request))
        .map(EndpointRules.Rule::access)
        .filter(Access.AnyOf.class::isInstance)
        .map(
            a ->
                call
                    + " needs one of the roles "
                    + ((Access.AnyOf) a)
                        .roles().stream()
                            .sorted()
                            .map(Role::value)
                            .collect(Collectors.joining(", ")))
        .orElse(call + " is not open to any caller");
  }

  private static String path(HttpServletRequest request) {
    String context = request.getContextPath();
    String uri = request.getRequestURI();
    return context.isEmpty() ? uri : uri.substring(context.length());
  }
}
