package io.rollgate.app.release;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The deployments GitHub asked Rollgate about through its custom deployment protection rule, the
 * release started for each and the answer given ({@code github_protection_rule}).
 */
@Repository
class ProtectionRules {

  static final String PENDING = "PENDING";
  static final String APPROVED = "APPROVED";
  static final String REJECTED = "REJECTED";

  /** Claimed by an instance that is calling GitHub back right now. */
  static final String ANSWERING = "ANSWERING";

  /** One deployment waiting on (or answered by) Rollgate. */
  record Request(
      String requestKey,
      String deliveryId,
      String releaseId,
      String owner,
      String repo,
      long runId,
      String environment,
      String state,
      String comment) {}

  private final NamedParameterJdbcTemplate jdbc;
  private final Clock clock = Clock.systemUTC();

  ProtectionRules(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The key of the deployment a run waits on: one per run and environment. */
  static String key(String owner, String repo, long runId, String environment) {
    return owner + "/" + repo + "#" + runId + "@" + environment;
  }

  Optional<Request> byDelivery(String deliveryId) {
    if (deliveryId == null || deliveryId.isBlank()) {
      return Optional.empty();
    }
    return one("delivery_id = :v", deliveryId);
  }

  Optional<Request> byKey(String requestKey) {
    return one("request_key = :v", requestKey);
  }

  List<Request> forRelease(String releaseId) {
    return jdbc.query(
        "SELECT * FROM github_protection_rule WHERE release_id = :v ORDER BY received_at",
        Map.of("v", releaseId),
        ProtectionRules::row);
  }

  /** Those not answered yet, including any an instance stopped while answering. */
  List<Request> unanswered() {
    return jdbc.query(
        "SELECT * FROM github_protection_rule WHERE state IN ('PENDING', 'ANSWERING')",
        Map.of(),
        ProtectionRules::row);
  }

  /** Records a request; false when one for the same deployment or delivery is there already. */
  boolean add(Request r) {
    try {
      jdbc.update(
          "INSERT INTO github_protection_rule (request_key, delivery_id, release_id, owner, repo,"
              + " run_id, environment, state, received_at) VALUES (:key, :delivery, :release,"
              + " :owner, :repo, :run, :env, 'PENDING', :at)",
          new MapSqlParameterSource()
              .addValue("key", r.requestKey())
              .addValue("delivery", r.deliveryId())
              .addValue("release", r.releaseId())
              .addValue("owner", r.owner())
              .addValue("repo", r.repo())
              .addValue("run", r.runId())
              .addValue("env", r.environment())
              .addValue("at", Timestamp.from(clock.instant())));
      return true;
    } catch (DuplicateKeyException e) {
      return false;
    }
  }

  /** Takes the request for answering; false when another caller took or answered it. */
  boolean claim(String requestKey) {
    return jdbc.update(
            "UPDATE github_protection_rule SET state = 'ANSWERING'"
                + " WHERE request_key = :key AND state = 'PENDING'",
            Map.of("key", requestKey))
        == 1;
  }

  void answered(String requestKey, String state, String comment) {
    jdbc.update(
        "UPDATE github_protection_rule SET state = :state, comment = :comment, answered_at = :at"
            + " WHERE request_key = :key",
        Map.of(
            "key",
            requestKey,
            "state",
            state,
            "comment",
            comment,
            "at",
            Timestamp.from(clock.instant())));
  }

  /** GitHub could not be told: back to waiting, to be tried again. */
  void unclaim(String requestKey) {
    jdbc.update(
        "UPDATE github_protection_rule SET state = 'PENDING' WHERE request_key = :key"
            + " AND state = 'ANSWERING'",
        Map.of("key", requestKey));
  }

  private Optional<Request> one(String where, String value) {
    return jdbc
        .query(
            "SELECT * FROM github_protection_rule WHERE " + where,
            Map.of("v", value),
            ProtectionRules::row)
        .stream()
        .findFirst();
  }

  private static Request row(ResultSet rs, int n) throws SQLException {
    return new Request(
        rs.getString("request_key"),
        rs.getString("delivery_id"),
        rs.getString("release_id"),
        rs.getString("owner"),
        rs.getString("repo"),
        rs.getLong("run_id"),
        rs.getString("environment"),
        rs.getString("state"),
        rs.getString("comment"));
  }
}
