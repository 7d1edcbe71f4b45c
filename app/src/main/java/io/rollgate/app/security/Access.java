package io.rollgate.app.security;

import java.util.EnumSet;
import java.util.Set;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** Who may call an endpoint: one entry of {@link EndpointRules}. */
sealed interface Access {

  /** Whether this caller (null when there is none) passes. */
  boolean grants(Authentication caller);

  /** Anyone, without a credential. */
  record Open() implements Access {
    @Override
    public boolean grants(Authentication caller) {
      return true;
    }
  }

  /** Any caller with a valid credential, whatever its roles. */
  record Authenticated() implements Access {
    @Override
    public boolean grants(Authentication caller) {
      return caller != null
          && caller.isAuthenticated()
          && !(caller instanceof AnonymousAuthenticationToken);
    }
  }

  /** A caller with at least one of these roles. */
  record AnyOf(Set<Role> roles) implements Access {
    public AnyOf {
      roles = Set.copyOf(roles);
    }

    @Override
    public boolean grants(Authentication caller) {
      return caller != null
          && caller.isAuthenticated()
          && caller.getAuthorities().stream()
              .map(GrantedAuthority::getAuthority)
              .anyMatch(a -> roles.stream().anyMatch(r -> r.authority().equals(a)));
    }
  }

  static Access open() {
    return new Open();
  }

  static Access authenticated() {
    return new Authenticated();
  }

  static Access anyOf(Role first, Role... more) {
    return new AnyOf(EnumSet.of(first, more));
  }

  static Access everyRole() {
    return new AnyOf(EnumSet.allOf(Role.class));
  }
}
