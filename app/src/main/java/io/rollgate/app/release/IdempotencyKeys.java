package io.rollgate.app.release;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Idempotency keys of release starts, per caller, in the database so that every service instance
 * and every restart sees them. A key is reserved before the release starts and bound to it after,
 * so two concurrent calls with one key never start two releases.
 */
@Repository
class IdempotencyKeys {

  /** What a key already stands for: the release, or null while its first call is running. */
  record Earlier(String requestHash, String releaseId) {}

  private final NamedParameterJdbcTemplate jdbc;
  private final Clock clock = Clock.systemUTC();

  IdempotencyKeys(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Reserves the key for a request, or returns what it stood for before (nothing is reserved then).
   */
  Optional<Earlier> reserve(String caller, String key, String requestHash) {
    try {
      jdbc.update(
          "INSERT INTO release_idempotency_key (requested_by, idempotency_key, request_hash,"
              + " created_at) VALUES (:caller, :key, :hash, :now)",
          new MapSqlParameterSource()
              .addValue("caller", caller)
              .addValue("key", key)
              .addValue("hash", requestHash)
              .addValue(
                  "now",
                  OffsetDateTime.ofInstant(
                      clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC)));
      return Optional.empty();
    } catch (DuplicateKeyException e) {
      List<Earlier> earlier =
          jdbc.query(
              "SELECT request_hash, release_id FROM release_idempotency_key"
                  + " WHERE requested_by = :caller AND idempotency_key = :key",
              Map.of("caller", caller, "key", key),
              (rs, n) -> new Earlier(rs.getString("request_hash"), rs.getString("release_id")));
      return earlier.stream().findFirst();
    }
  }

  void bind(String caller, String key, String releaseId) {
    jdbc.update(
        "UPDATE release_idempotency_key SET release_id = :release"
            + " WHERE requested_by = :caller AND idempotency_key = :key",
        Map.of("caller", caller, "key", key, "release", releaseId));
  }

  /** Frees a key whose release did not start, so that the pipeline's retry may start it. */
  void release(String caller, String key) {
    jdbc.update(
        "DELETE FROM release_idempotency_key"
            + " WHERE requested_by = :caller AND idempotency_key = :key AND release_id IS NULL",
        Map.of("caller", caller, "key", key));
  }
}
