package io.rollgate.app.record;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Release records: what was released, where, by whom, how far it got and how it ended. A release's
 * gates are not stored here; they are read from the {@link DecisionLog}.
 */
@Repository
public class ReleaseRecords {

  /** The state of a release that has not ended. */
  public static final String RUNNING = "RUNNING";

  private static final String COLUMNS =
      "id, service, version, commit_sha, environment, change_model, requested_by, change_number,"
          + " process_instance_key, state, outcome, wave_percent, plan_json, created_at, ended_at";

  private final NamedParameterJdbcTemplate jdbc;
  private final TransactionTemplate transactions;
  private final DecisionLog decisions;
  private final Clock clock;

  @Autowired
  public ReleaseRecords(
      NamedParameterJdbcTemplate jdbc,
      PlatformTransactionManager transactions,
      DecisionLog decisions) {
    this(jdbc, transactions, decisions, Clock.systemUTC());
  }

  ReleaseRecords(
      NamedParameterJdbcTemplate jdbc,
      PlatformTransactionManager transactions,
      DecisionLog decisions,
      Clock clock) {
    this.jdbc = jdbc;
    this.transactions = new TransactionTemplate(transactions);
    this.decisions = decisions;
    this.clock = clock;
  }

  /** Records a new release, {@link #RUNNING}, with a new id. */
  public ReleaseRecord create(NewRelease release) {
    String id = ReleaseIds.next(clock);
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    jdbc.update(
        "INSERT INTO release (id, service, version, commit_sha, environment, change_model,"
            + " requested_by, state, wave_percent, plan_json, created_at)"
            + " VALUES (:id, :service, :version, :commitSha, :environment, :changeModel,"
            + " :requestedBy, :state, 0, :plan, :createdAt)",
        new MapSqlParameterSource()
            .addValue("id", id)
            .addValue("service", release.service())
            .addValue("version", release.version())
            .addValue("commitSha", release.commitSha())
            .addValue("environment", release.environment())
            .addValue("changeModel", release.changeModel())
            .addValue("requestedBy", release.requestedBy())
            .addValue("state", RUNNING)
            .addValue("plan", CanonicalJson.of(release.plan() == null ? Map.of() : release.plan()))
            .addValue("createdAt", utc(now)));
    return find(id).orElseThrow();
  }

  /**
   * @throws ReleaseNotFoundException for an unknown release
   */
  public void attachProcess(String id, long processInstanceKey) {
    update(
        id, "UPDATE release SET process_instance_key = :value WHERE id = :id", processInstanceKey);
  }

  /**
   * @throws ReleaseNotFoundException for an unknown release
   */
  public void changeOpened(String id, String changeNumber) {
    update(id, "UPDATE release SET change_number = :value WHERE id = :id", changeNumber);
  }

  /**
   * Records that a rollout wave started; the release keeps the highest wave it reached.
   *
   * @param percent 0 to 100
   * @throws ReleaseNotFoundException for an unknown release
   */
  public void waveStarted(String id, int percent) {
    if (percent < 0 || percent > 100) {
      throw new IllegalArgumentException("a wave is 0 to 100 percent, not " + percent);
    }
    update(
        id,
        "UPDATE release SET wave_percent = CASE WHEN wave_percent < :value THEN :value"
            + " ELSE wave_percent END WHERE id = :id",
        percent);
  }

  /**
   * Records how the release ended. Recording the same ending again changes nothing, so a repeated
   * delivery is harmless.
   *
   * @param state any state but {@link #RUNNING}, for example {@code RELEASED} or {@code FAILED}
   * @throws ReleaseNotFoundException for an unknown release
   * @throws IllegalStateException when the release already ended in another state
   */
  public void ended(String id, String state, String outcome) {
    if (state == null || state.isBlank() || RUNNING.equals(state)) {
      throw new IllegalArgumentException("a release ends in a state other than RUNNING");
    }
    transactions.executeWithoutResult(
        status -> {
          int updated =
              jdbc.update(
                  "UPDATE release SET state = :state, outcome = :outcome, ended_at = :endedAt"
                      + " WHERE id = :id AND state = :running",
                  new MapSqlParameterSource()
                      .addValue("id", id)
                      .addValue("state", state)
                      .addValue("outcome", outcome)
                      .addValue("endedAt", utc(clock.instant().truncatedTo(ChronoUnit.MICROS)))
                      .addValue("running", RUNNING));
          if (updated == 1) {
            return;
          }
          String current =
              jdbc
                  .queryForList(
                      "SELECT state FROM release WHERE id = :id", Map.of("id", id), String.class)
                  .stream()
                  .findFirst()
                  .orElseThrow(() -> new ReleaseNotFoundException(id));
          if (!current.equals(state)) {
            throw new IllegalStateException(
                "release " + id + " already ended " + current + "; it cannot end " + state);
          }
        });
  }

  public Optional<ReleaseRecord> find(String id) {
    List<Row> rows =
        jdbc.query(
            "SELECT " + COLUMNS + " FROM release WHERE id = :id",
            Map.of("id", id),
            (rs, n) -> Row.of(rs));
    return withGates(rows).stream().findFirst();
  }

  /** The release whose process instance has this key (not a called sub-process's key). */
  public Optional<ReleaseRecord> findByProcessInstance(long processInstanceKey) {
    List<Row> rows =
        jdbc.query(
            "SELECT " + COLUMNS + " FROM release WHERE process_instance_key = :key",
            Map.of("key", processInstanceKey),
            (rs, n) -> Row.of(rs));
    return withGates(rows).stream().findFirst();
  }

  /** The latest releases, newest first. */
  public List<ReleaseRecord> recent(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, not " + limit);
    }
    List<Row> rows =
        jdbc.query(
            "SELECT " + COLUMNS + " FROM release ORDER BY created_at DESC, id DESC LIMIT " + limit,
            Map.of(),
            (rs, n) -> Row.of(rs));
    return withGates(rows);
  }

  private List<ReleaseRecord> withGates(List<Row> rows) {
    Map<String, List<GateVerdict>> gates = decisions.gatesOf(rows.stream().map(Row::id).toList());
    return rows.stream().map(row -> row.toRecord(gates.getOrDefault(row.id(), List.of()))).toList();
  }

  private void update(String id, String sql, Object value) {
    int updated =
        jdbc.update(sql, new MapSqlParameterSource().addValue("id", id).addValue("value", value));
    if (updated == 0) {
      throw new ReleaseNotFoundException(id);
    }
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private record Row(
      String id,
      String service,
      String version,
      String commitSha,
      String environment,
      String changeModel,
      String requestedBy,
      String changeNumber,
      Long processInstanceKey,
      String state,
      String outcome,
      int wavePercent,
      String plan,
      Instant createdAt,
      Instant endedAt) {

    static Row of(ResultSet rs) throws SQLException {
      long key = rs.getLong("process_instance_key");
      Long processInstanceKey = rs.wasNull() ? null : key;
      return new Row(
          rs.getString("id"),
          rs.getString("service"),
          rs.getString("version"),
          rs.getString("commit_sha"),
          rs.getString("environment"),
          rs.getString("change_model"),
          rs.getString("requested_by"),
          rs.getString("change_number"),
          processInstanceKey,
          rs.getString("state"),
          rs.getString("outcome"),
          rs.getInt("wave_percent"),
          rs.getString("plan_json"),
          DecisionLog.instant(rs, "created_at"),
          DecisionLog.instant(rs, "ended_at"));
    }

    ReleaseRecord toRecord(List<GateVerdict> gates) {
      return new ReleaseRecord(
          id,
          service,
          version,
          commitSha,
          environment,
          changeModel,
          requestedBy,
          changeNumber,
          processInstanceKey,
          state,
          outcome,
          wavePercent,
          gates,
          CanonicalJson.readObject(plan),
          createdAt,
          endedAt);
    }
  }
}
