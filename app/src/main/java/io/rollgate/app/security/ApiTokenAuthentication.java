package io.rollgate.app.security;

import java.util.stream.Collectors;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** A caller authenticated by an API token; its name is the token's name. */
final class ApiTokenAuthentication extends AbstractAuthenticationToken {

  private final String name;
  private final String tokenId;

  ApiTokenAuthentication(ApiToken token) {
    super(
        token.roles().stream()
            .map(r -> new SimpleGrantedAuthority(r.authority()))
            .collect(Collectors.toList()));
    this.name = token.name();
    this.tokenId = token.id();
    setAuthenticated(true);
  }

  /** The token is not kept: nothing after authentication needs it. */
  @Override
  public Object getCredentials() {
    return null;
  }

  @Override
  public Object getPrincipal() {
    return name;
  }

  @Override
  public String getName() {
    return name;
  }

  String tokenId() {
    return tokenId;
  }
}
