package io.rollgate.app.security;

import java.util.EnumSet;
import java.util.Set;

/** Who may call an endpoint: one entry of {@link EndpointRules}. */
sealed interface Access {

  /** Anyone, without a credential. */
  record Open() implements Access {}

  /** Any caller with a valid credential, whatever its roles. */
  record Authenticated() implements Access {}

  /** A caller with at least one of these roles. */
  record AnyOf(Set<Role> roles) implements Access {
    public AnyOf {
      roles = Set.copyOf(roles);
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
