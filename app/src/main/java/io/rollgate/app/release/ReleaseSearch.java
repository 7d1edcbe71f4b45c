package io.rollgate.app.release;

import io.rollgate.app.record.ReleaseRecord;
import io.rollgate.app.record.ReleaseRecords;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** Paged search of release records, newest first ({@code GET /api/v1/releases}). */
@Repository
class ReleaseSearch {

  /**
   * What to look for; null fields match everything.
   *
   * @param from created at or after
   * @param to created before
   * @param page from 0
   */
  record Query(String service, String state, Instant from, Instant to, int page, int limit) {}

  /**
   * One page of releases.
   *
   * @param total how many releases match, on all pages
   */
  record Page(List<ReleaseRecord> items, int page, int limit, long total) {}

  private final NamedParameterJdbcTemplate jdbc;
  private final ReleaseRecords records;

  ReleaseSearch(NamedParameterJdbcTemplate jdbc, ReleaseRecords records) {
    this.jdbc = jdbc;
    this.records = records;
  }

  Page search(Query query) {
    List<String> where = new ArrayList<>();
    MapSqlParameterSource parameters = new MapSqlParameterSource();
    if (query.service() != null) {
      where.add("service = :service");
      parameters.addValue("service", query.service());
    }
    if (query.state() != null) {
      where.add("state = :state");
      parameters.addValue("state", query.state());
    }
    if (query.from() != null) {
      where.add("created_at >= :from");
      parameters.addValue("from", OffsetDateTime.ofInstant(query.from(), ZoneOffset.UTC));
    }
    if (query.to() != null) {
      where.add("created_at < :to");
      parameters.addValue("to", OffsetDateTime.ofInstant(query.to(), ZoneOffset.UTC));
    }
    String filter = where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
    Long total =
        jdbc.queryForObject("SELECT COUNT(*) FROM release" + filter, parameters, Long.class);
    List<String> ids =
        jdbc.queryForList(
            "SELECT id FROM release"
                + filter
                + " ORDER BY created_at DESC, id DESC LIMIT "
                + query.limit()
                + " OFFSET "
                + (long) query.page() * query.limit(),
            parameters,
            String.class);
    List<ReleaseRecord> items = ids.stream().map(records::find).flatMap(Optional::stream).toList();
    return new Page(items, query.page(), query.limit(), total == null ? 0 : total);
  }
}
