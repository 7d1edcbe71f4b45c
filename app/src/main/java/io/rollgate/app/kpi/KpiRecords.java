package io.rollgate.app.kpi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rollgate.processes.Lifecycle.Variables;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** Reads the release records and decision log entries the KPIs are computed from. */
@Repository
class KpiRecords {

  private final NamedParameterJdbcTemplate jdbc;
  private final ObjectMapper json;

  KpiRecords(NamedParameterJdbcTemplate jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /**
   * The releases started in {@code [from, to)}, with their decisions.
   *
   * @param service only this service's; null for all
   */
  List<ReleaseFacts> startedBetween(Instant from, Instant to, String service) {
    String where =
        " WHERE r.created_at >= :from AND r.created_at < :to"
            + (service == null ? "" : " AND r.service = :service");
    MapSqlParameterSource parameters =
        new MapSqlParameterSource()
            .addValue("from", OffsetDateTime.ofInstant(from, ZoneOffset.UTC))
            .addValue("to", OffsetDateTime.ofInstant(to, ZoneOffset.UTC))
            .addValue("service", service);
    Map<String, List<ReleaseFacts.Decided>> decisions = new LinkedHashMap<>();
    jdbc.query(
        "SELECT d.release_id, d.gate, d.decision, d.actor, d.decided_at, e.canonical_json"
            + " FROM decision_log d JOIN release r ON r.id = d.release_id"
            + " JOIN evidence e ON e.hash = d.evidence_hash"
            + where
            + " ORDER BY d.sequence",
        parameters,
        rs -> {
          decisions
              .computeIfAbsent(rs.getString("release_id"), id -> new ArrayList<>())
              .add(decided(rs));
        });
    return jdbc.query(
        "SELECT r.id, r.service, r.version, r.state, r.wave_percent, r.created_at, r.ended_at"
            + " FROM release r"
            + where
            + " ORDER BY r.created_at, r.id",
        parameters,
        (rs, n) ->
            new ReleaseFacts(
                rs.getString("id"),
                rs.getString("service"),
                rs.getString("version"),
                rs.getString("state"),
                rs.getInt("wave_percent"),
                instant(rs, "created_at"),
                instant(rs, "ended_at"),
                decisions.getOrDefault(rs.getString("id"), List.of())));
  }

  private ReleaseFacts.Decided decided(ResultSet rs) throws SQLException {
    JsonNode evidence = evidence(rs.getString("canonical_json"));
    List<String> incidents = new ArrayList<>();
    for (String name : List.of(Variables.INCIDENT_NUMBERS, Variables.NEW_INCIDENTS)) {
      evidence.path(name).forEach(number -> incidents.add(number.asText()));
    }
    JsonNode wave = evidence.path(Variables.WAVE);
    return new ReleaseFacts.Decided(
        rs.getString("gate"),
        rs.getString("decision"),
        rs.getString("actor"),
        instant(rs, "decided_at"),
        incidents,
        wave.canConvertToInt() && wave.isNumber() ? wave.asInt() : null);
  }

  private JsonNode evidence(String canonicalJson) {
    try {
      return json.readTree(canonicalJson);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored evidence snapshot is not JSON", e);
    }
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
