package io.rollgate.app.security;

import jakarta.validation.constraints.NotBlank;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * JWTs from an OpenID Connect issuer ({@code rollgate.security.oidc.*}), accepted besides API
 * tokens when {@code issuer-uri} or {@code jwk-set-uri} is set.
 *
 * @param issuerUri the issuer; its discovery document gives the signing keys, read at the first
 *     JWT, and a JWT's {@code iss} must equal it
 * @param jwkSetUri where the signing keys are, when not discovered from the issuer
 * @param rolesClaim the claim holding the caller's roles ({@code viewer}, {@code pipeline}, {@code
 *     release-manager}, {@code cab}, {@code admin}); a dotted path reaches into objects, for
 *     example {@code realm_access.roles}; other values are ignored
 * @param usernameClaim the claim naming the caller in the decision log; the subject when absent
 * @param audiences when not empty, a JWT's {@code aud} must contain one of these
 * @param consoleClientId the public client the console signs people in as (authorization code flow
 *     with PKCE, no secret); with {@code issuer-uri} set, the console offers "Sign in with OIDC"
 * @param consoleScope the scopes the console asks the issuer for
 */
@Validated
@ConfigurationProperties("rollgate.security.oidc")
public record OidcProperties(
    String issuerUri,
    String jwkSetUri,
    @DefaultValue("roles") @NotBlank String rolesClaim,
    @DefaultValue("preferred_username") @NotBlank String usernameClaim,
    @DefaultValue List<String> audiences,
    String consoleClientId,
    @DefaultValue("openid profile") @NotBlank String consoleScope) {

  public OidcProperties {
    audiences = audiences == null ? List.of() : List.copyOf(audiences);
  }

  /** The console may sign people in at the issuer: it has one and a client for the console. */
  public boolean consoleSignIn() {
    return hasText(issuerUri) && hasText(consoleClientId);
  }

  static boolean hasText(String value) {
    return value != null && !value.isBlank();
  }
}
