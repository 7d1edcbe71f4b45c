package io.rollgate.app.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.rollgate.app.record.CanonicalJson;
import io.rollgate.app.record.DecisionLog;
import io.rollgate.app.record.NewRelease;
import io.rollgate.app.record.ReleaseNotFoundException;
import io.rollgate.app.record.ReleaseRecords;
import io.rollgate.app.support.PostgresSchema;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * Idempotency keys and the release timeline on both databases the service runs on: H2 (default
 * profile) and PostgreSQL (production), migrated by the same Flyway scripts.
 */
class GateApiStoresTest {

  private HikariDataSource pool;
  private PostgresSchema schema;

  private NamedParameterJdbcTemplate open(String kind) {
    HikariConfig config = new HikariConfig();
    if (kind.equals("postgresql")) {
      schema = PostgresSchema.create();
      config.setJdbcUrl(schema.jdbcUrl());
      config.setUsername(PostgresSchema.USER);
    } else {
      config.setJdbcUrl(
          "jdbc:h2:mem:gates"
              + UUID.randomUUID().toString().replace("-", "")
              + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
      config.setUsername("rollgate");
    }
    config.setPassword("");
    config.setMaximumPoolSize(2);
    pool = new HikariDataSource(config);
    var flyway = Flyway.configure().dataSource(pool).locations("classpath:db/migration");
    if (schema != null) {
      flyway.schemas(schema.name()).defaultSchema(schema.name());
    }
    flyway.load().migrate();
    return new NamedParameterJdbcTemplate(pool);
  }

  private static String release(NamedParameterJdbcTemplate jdbc) {
    var transactions = new DataSourceTransactionManager(jdbc.getJdbcTemplate().getDataSource());
    var records = new ReleaseRecords(jdbc, transactions, new DecisionLog(jdbc, transactions));
    return records
        .create(
            new NewRelease(
                "shop", "1.0.0", "a".repeat(40), "production", "normal", "pipeline", Map.of()))
        .id();
  }

  @AfterEach
  void close() throws Exception {
    if (pool != null) {
      pool.close();
    }
    if (schema != null) {
      schema.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void aKeyIsReservedOnceThenAnswersItsReleaseToTheSameCallerOnly(String kind) {
    // given
    NamedParameterJdbcTemplate jdbc = open(kind);
    IdempotencyKeys keys = new IdempotencyKeys(jdbc);
    String id = release(jdbc);

    String hash1 = CanonicalJson.sha256("{\"version\":\"1\"}");
    String hash2 = CanonicalJson.sha256("{\"version\":\"2\"}");

    // when
    var first = keys.reserve("pipeline-a", "k1", hash1);
    var whileStarting = keys.reserve("pipeline-a", "k1", hash1);
    keys.bind("pipeline-a", "k1", id);
    keys.release("pipeline-a", "k1");
    var afterwards = keys.reserve("pipeline-a", "k1", hash2);
    var otherCaller = keys.reserve("pipeline-b", "k1", hash2);

    // then
    assertThat(first).isEmpty();
    assertThat(whileStarting).contains(new IdempotencyKeys.Earlier(hash1, null));
    assertThat(afterwards).contains(new IdempotencyKeys.Earlier(hash1, id));
    assertThat(otherCaller).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void aTimelineEventRecordedTwiceIsKeptOnceAndReadBackInOrder(String kind) {
    // given
    NamedParameterJdbcTemplate jdbc = open(kind);
    ReleaseTimeline timeline = new ReleaseTimeline(jdbc);
    String id = release(jdbc);

    // when
    timeline.record(
        id, ReleaseTimeline.GATE_DECIDED, ReleaseTimeline.data("gate", "readiness"), "d1");
    timeline.record(
        id, ReleaseTimeline.GATE_DECIDED, ReleaseTimeline.data("gate", "readiness"), "d1");
    timeline.record(id, ReleaseTimeline.WAVE_SET, ReleaseTimeline.data("percent", 10), "d2");
    var all = timeline.after(id, 0);
    var later = timeline.after(id, all.get(0).id());

    // then
    assertThat(all)
        .extracting(ReleaseTimeline.Event::type)
        .containsExactly("gate-decided", "wave-set");
    assertThat(all.get(1).data()).containsEntry("percent", 10);
    assertThat(later).extracting(ReleaseTimeline.Event::type).containsExactly("wave-set");
    assertThatThrownBy(() -> timeline.record("rel-unknown", "wave-set", Map.of(), null))
        .isInstanceOf(ReleaseNotFoundException.class);
  }
}
