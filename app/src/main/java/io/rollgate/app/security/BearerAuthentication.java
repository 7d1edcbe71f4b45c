package io.rollgate.app.security;

import java.util.Optional;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * Authenticates a bearer credential: an API token ({@code rg_...}) against the store or the
 * bootstrap token, anything else as a JWT when an issuer is configured.
 */
final class BearerAuthentication implements AuthenticationManager {

  private final ApiTokens tokens;
  private final BootstrapAdmin bootstrap;
  private final AuthenticationProvider jwt;

  /**
   * @param jwt null when JWTs are not accepted
   */
  BearerAuthentication(ApiTokens tokens, BootstrapAdmin bootstrap, AuthenticationProvider jwt) {
    this.tokens = tokens;
    this.bootstrap = bootstrap;
    this.jwt = jwt;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String bearer = ((BearerTokenAuthenticationToken) authentication).getToken();
    if (bearer.startsWith(ApiTokenFormat.PREFIX)) {
      Optional<ApiToken> token = bootstrap.match(bearer).or(() -> tokens.authenticate(bearer));
      return new ApiTokenAuthentication(
          token.orElseThrow(
              () ->
                  new InvalidBearerTokenException("the API token is unknown, expired or revoked")));
    }
    if (jwt == null) {
      throw new InvalidBearerTokenException(
          "not a Rollgate API token (rg_...); this service accepts no JWTs");
    }
    return jwt.authenticate(authentication);
  }
}
