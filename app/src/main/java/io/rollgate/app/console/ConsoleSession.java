package io.rollgate.app.console;

import io.rollgate.app.security.OidcProperties;
import io.rollgate.app.security.Role;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the console's pages need besides the API: how a person may sign in (open), and who the
 * signed-in caller is (with their credential). Not part of the API, so not in its document.
 */
@Hidden
@RestController
@RequestMapping("/console/session")
class ConsoleSession {

  private final OidcProperties oidc;

  ConsoleSession(OidcProperties oidc) {
    this.oidc = oidc;
  }

  /**
   * The sign-in choices.
   *
   * @param oidc the issuer to sign in at with the authorization code flow and PKCE; null when the
   *     service has none configured for the console
   */
  record SignInOptions(Oidc oidc) {}

  /** An OpenID Connect issuer, the console's public client there, and the scopes it asks for. */
  record Oidc(String issuer, String clientId, String scope) {}

  /** The caller as the service sees them: their name in the decision log and their roles. */
  record Caller(String name, List<String> roles) {}

  @GetMapping("/sign-in")
  SignInOptions signIn() {
    return new SignInOptions(
        oidc.consoleSignIn()
            ? new Oidc(oidc.issuerUri(), oidc.consoleClientId(), oidc.consoleScope())
            : null);
  }

  @GetMapping("/caller")
  Caller caller(Authentication caller) {
    List<String> roles =
        caller.getAuthorities().stream()
            .map(GrantedAuthority::getAuthority)
            .map(ConsoleSession::role)
            .flatMap(Optional::stream)
            .sorted()
            .toList();
    return new Caller(caller.getName(), roles);
  }

  private static Optional<String> role(String authority) {
    return authority.startsWith("ROLE_")
        ? Role.of(authority.substring("ROLE_".length())).map(Role::value)
        : Optional.empty();
  }
}
