package io.rollgate.app.security;

import java.util.Arrays;
import java.util.Optional;

/** What a caller may do; a token or a JWT carries one or more. */
public enum Role {
  /** Reads releases, gates, decision logs and the audit check. */
  VIEWER("viewer"),
  /** A CI/CD pipeline: starts releases and waits for their gates. */
  PIPELINE("pipeline"),
  /** Starts releases and takes the go/no-go. */
  RELEASE_MANAGER("release-manager"),
  /** A change advisory board member: reads releases and the audit check. */
  CAB("cab"),
  /** Everything, including API tokens. */
  ADMIN("admin");

  private final String value;

  Role(String value) {
    this.value = value;
  }

  /** The role as written in tokens, JWT claims and the API, for example {@code release-manager}. */
  public String value() {
    return value;
  }

  /** The Spring Security authority, {@code ROLE_<value>}. */
  public String authority() {
    return "ROLE_" + value;
  }

  public static Optional<Role> of(String value) {
    return Arrays.stream(values()).filter(r -> r.value.equals(value)).findFirst();
  }

  @Override
  public String toString() {
    return value;
  }
}
