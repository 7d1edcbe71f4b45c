package io.rollgate.app.release;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rollgate.app.record.CanonicalJson;
import io.rollgate.app.record.ReleaseNotFoundException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * A release's timeline, in the order it happened: what the event stream sends and a reconnecting
 * client resumes from. Each event's id rises; an event recorded twice under one dedupe key is kept
 * once.
 */
@Repository
class ReleaseTimeline {

  static final String GATE_DECIDED = "gate-decided";
  static final String CHANGE_MOVED = "change-moved";
  static final String WAVE_SET = "wave-set";
  static final String HEALTH_CHECK = "health-check";
  static final String DEPLOYMENT_REPORTED = "deployment-reported";
  static final String STOPPED = "stopped";
  static final String STEP_RETRIED = "step-retried";
  static final String ROLLBACK = "rollback";
  static final String RELEASE_ENDED = "release-ended";

  /**
   * One event.
   *
   * @param id rises with every event of every release; the SSE id
   * @param data what happened, by type (gate and verdict, change number and state, wave, ...)
   */
  record Event(long id, String releaseId, String type, Instant at, Map<String, Object> data) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final NamedParameterJdbcTemplate jdbc;
  private final Clock clock = Clock.systemUTC();

  ReleaseTimeline(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Appends an event unless one with the same dedupe key exists.
   *
   * @param dedupeKey null to always append
   * @throws ReleaseNotFoundException for an unknown release
   */
  void record(String releaseId, String type, Map<String, Object> data, String dedupeKey) {
    try {
      jdbc.update(
          "INSERT INTO release_event (release_id, type, data_json, dedupe_key, occurred_at)"
              + " VALUES (:release, :type, :data, :dedupe, :at)",
          new MapSqlParameterSource()
              .addValue("release", releaseId)
              .addValue("type", type)
              .addValue("data", CanonicalJson.of(data))
              .addValue("dedupe", dedupeKey)
              .addValue(
                  "at",
                  OffsetDateTime.ofInstant(
                      clock.instant().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC)));
    } catch (DuplicateKeyException e) {
      // recorded before: a job delivered twice
    } catch (DataIntegrityViolationException e) {
      throw new ReleaseNotFoundException(releaseId);
    }
  }

  /** The release's events after {@code afterId} (0 for all), oldest first. */
  List<Event> after(String releaseId, long afterId) {
    return jdbc.query(
        "SELECT id, release_id, type, data_json, occurred_at FROM release_event"
            + " WHERE release_id = :release AND id > :after ORDER BY id",
        Map.of("release", releaseId, "after", afterId),
        (rs, n) ->
            new Event(
                rs.getLong("id"),
                rs.getString("release_id"),
                rs.getString("type"),
                rs.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                read(rs.getString("data_json"))));
  }

  private static Map<String, Object> read(String json) {
    try {
      return JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored timeline event is not JSON: " + e.getMessage(), e);
    }
  }

  static Map<String, Object> data(Object... pairs) {
    Map<String, Object> data = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      data.put((String) pairs[i], pairs[i + 1]);
    }
    return data;
  }
}
