package io.rollgate.app.security;

import java.time.Instant;
import java.util.Set;

/**
 * A stored API token, without its secret.
 *
 * @param name who uses it, for example {@code shop-pipeline}; the actor of what it does
 * @param expiresAt null when it does not expire
 * @param revokedAt null until revoked
 * @param createdBy the admin who created it
 */
record ApiToken(
    String id,
    String name,
    Set<Role> roles,
    Instant createdAt,
    Instant expiresAt,
    Instant revokedAt,
    String createdBy) {

  ApiToken {
    roles = Set.copyOf(roles);
  }

  boolean activeAt(Instant now) {
    return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
  }
}
