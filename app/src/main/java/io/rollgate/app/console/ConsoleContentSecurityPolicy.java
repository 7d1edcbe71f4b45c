package io.rollgate.app.console;

import io.rollgate.app.security.OidcProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The console's Content-Security-Policy: scripts and styles only from the console's own files,
 * never inline; everything else from the console's origin, but images may be {@code data:} URLs
 * (the bpmn.io watermark is one). Inline styles need no exception: form-js (Preact), bpmn-js and
 * uPlot set styles through the CSSOM ({@code element.style}), which the policy does not govern, and
 * none of them writes a {@code style} attribute or element; the browser tests fail on anything the
 * policy blocks. When the console signs people in with OIDC, the page may also call the issuer's
 * origin (its discovery document and token endpoint).
 */
final class ConsoleContentSecurityPolicy extends OncePerRequestFilter {

  private final String policy;

  ConsoleContentSecurityPolicy(OidcProperties oidc) {
    this.policy = policy(oidc);
  }

  static String policy(OidcProperties oidc) {
    String issuer = oidc.consoleSignIn() ? " " + origin(oidc.issuerUri()) : "";
    return "default-src 'self'; script-src 'self'; style-src 'self';"
        + " img-src 'self' data:; connect-src 'self'"
        + issuer
        + "; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
  }

  private static String origin(String uri) {
    URI parsed = URI.create(uri.trim());
    return parsed.getScheme()
        + "://"
        + parsed.getHost()
        + (parsed.getPort() == -1 ? "" : ":" + parsed.getPort());
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    response.setHeader("Content-Security-Policy", policy);
    chain.doFilter(request, response);
  }
}
