package io.rollgate.app.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * A JWT's caller: named by {@code rollgate.security.oidc.username-claim} (else the subject), with
 * the Rollgate roles found in {@code rollgate.security.oidc.roles-claim}.
 */
final class JwtCaller implements Converter<Jwt, AbstractAuthenticationToken> {

  private final String rolesClaim;
  private final String usernameClaim;

  JwtCaller(OidcProperties properties) {
    this.rolesClaim = properties.rolesClaim();
    this.usernameClaim = properties.usernameClaim();
  }

  @Override
  public AbstractAuthenticationToken convert(Jwt jwt) {
    String username = jwt.getClaimAsString(usernameClaim);
    String name = username == null || username.isBlank() ? jwt.getSubject() : username;
    return new JwtAuthenticationToken(jwt, authorities(jwt), name);
  }

  private List<GrantedAuthority> authorities(Jwt jwt) {
    List<GrantedAuthority> authorities = new ArrayList<>();
    for (String value : values(claim(jwt.getClaims(), rolesClaim))) {
      Role.of(value).ifPresent(r -> authorities.add(new SimpleGrantedAuthority(r.authority())));
    }
    return authorities;
  }

  /** The claim at a dotted path, for example {@code realm_access.roles}. */
  private static Object claim(Map<String, Object> claims, String path) {
    Object value = claims.get(path);
    if (value != null || !path.contains(".")) {
      return value;
    }
    Object node = claims;
    for (String step : path.split("\\.")) {
      node = node instanceof Map<?, ?> map ? map.get(step) : null;
    }
    return node;
  }

  /** A list of strings, or one string of space- or comma-separated values. */
  private static List<String> values(Object claim) {
    if (claim instanceof Collection<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    return Optional.ofNullable(claim)
        .map(c -> List.of(String.valueOf(c).trim().split("[\\s,]+")))
        .orElse(List.of());
  }
}
