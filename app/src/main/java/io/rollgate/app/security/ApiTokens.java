package io.rollgate.app.security;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The API token store (table {@code api_tokens}): each token's SHA-256, never the token; the clear
 * token exists only in the answer to {@link #create}.
 */
class ApiTokens {

  /** A token just created: the clear value, to be shown once, and what is stored. */
  record Issued(ApiToken token, String secret) {
    @Override
    public String toString() {
      return "Issued[" + token + ", secret=****]";
    }
  }

  private static final String COLUMNS =
      "id, name, roles, created_at, expires_at, revoked_at, created_by";

  private final JdbcTemplate jdbc;
  private final Clock clock;

  ApiTokens(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  Issued create(String name, Set<Role> roles, Instant expiresAt, String createdBy) {
    String secret = ApiTokenFormat.generate();
    ApiToken token =
        new ApiToken(
            UUID.randomUUID().toString(),
            name,
            roles,
            now(),
            expiresAt == null ? null : expiresAt.truncatedTo(ChronoUnit.MILLIS),
            null,
            createdBy);
    jdbc.update(
        "INSERT INTO api_tokens (id, name, token_hash, roles, created_at, expires_at, created_by)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?)",
        token.id(),
        token.name(),
        ApiTokenFormat.hash(secret),
        rolesText(roles),
        timestamp(token.createdAt()),
        timestamp(token.expiresAt()),
        createdBy);
    return new Issued(token, secret);
  }

  /** Every token, revoked and expired ones too, oldest first. */
  List<ApiToken> list() {
    return jdbc.query(
        "SELECT " + COLUMNS + " FROM api_tokens ORDER BY created_at, id", ApiTokens::token);
  }

  Optional<ApiToken> find(String id) {
    return jdbc
        .query("SELECT " + COLUMNS + " FROM api_tokens WHERE id = ?", ApiTokens::token, id)
        .stream()
        .findFirst();
  }

  /**
   * Revokes the token from now on; revoking it again changes nothing.
   *
   * @return the token, empty when there is none with this id
   */
  Optional<ApiToken> revoke(String id) {
    jdbc.update(
        "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
        timestamp(now()),
        id);
    return find(id);
  }

  /** The token whose secret this is, if it is stored, not revoked and not expired. */
  Optional<ApiToken> authenticate(String secret) {
    if (!ApiTokenFormat.wellFormed(secret)) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    return jdbc
        .query(
            "SELECT " + COLUMNS + " FROM api_tokens WHERE token_hash = ?",
            ApiTokens::token,
            ApiTokenFormat.hash(secret))
        .stream()
        .filter(t -> t.activeAt(now))
        .findFirst();
  }

  boolean anyActiveAdmin() {
    Instant now = clock.instant();
    return list().stream().anyMatch(t -> t.activeAt(now) && t.roles().contains(Role.ADMIN));
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private static ApiToken token(ResultSet row, int n) throws SQLException {
    return new ApiToken(
        row.getString("id"),
        row.getString("name"),
        roles(row.getString("roles")),
        instant(row, "created_at"),
        instant(row, "expires_at"),
        instant(row, "revoked_at"),
        row.getString("created_by"));
  }

  private static String rolesText(Set<Role> roles) {
    return roles.stream().sorted().map(Role::value).collect(Collectors.joining(","));
  }

  /** Roles this version does not know (written by a newer one) are left out. */
  private static Set<Role> roles(String text) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    Arrays.stream(text.split(",")).map(Role::of).flatMap(Optional::stream).forEach(roles::add);
    return roles;
  }

  private static OffsetDateTime timestamp(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  private static Instant instant(ResultSet row, String column) throws SQLException {
    OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
