package io.rollgate.app.record;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import db.migration.V8__Decision_log_append_only;
import io.rollgate.app.support.PostgresSchema;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * A freshly migrated database for one test, on H2 (in memory, PostgreSQL mode, as the default
 * profile runs it) or on the build machines' PostgreSQL (a schema of its own, dropped on close).
 * Every {@link #instance()} is a separate connection pool, like a separate service instance.
 */
final class RecordStore implements AutoCloseable {

  enum Kind {
    H2,
    POSTGRESQL
  }

  private final Kind kind;
  private final String url;
  private final String user;
  private final PostgresSchema schema;
  private final List<HikariDataSource> pools = new ArrayList<>();

  private RecordStore(Kind kind, String url, String user, PostgresSchema schema) {
    this.kind = kind;
    this.url = url;
    this.user = user;
    this.schema = schema;
  }

  static RecordStore open(Kind kind) {
    RecordStore store =
        switch (kind) {
          case H2 ->
              new RecordStore(
                  kind,
                  "jdbc:h2:mem:rg"
                      + UUID.randomUUID().toString().replace("-", "")
                      + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
                      + ";DB_CLOSE_DELAY=-1",
                  "rollgate",
                  null);
          case POSTGRESQL -> {
            PostgresSchema schema = PostgresSchema.create();
            yield new RecordStore(kind, schema.jdbcUrl(), PostgresSchema.USER, schema);
          }
        };
    var flyway = Flyway.configure().dataSource(store.pool()).locations("classpath:db/migration");
    if (store.schema != null) {
      flyway.schemas(store.schema.name()).defaultSchema(store.schema.name());
    }
    flyway.load().migrate();
    return store;
  }

  Kind kind() {
    return kind;
  }

  /** The release records and decision log of one service instance, with its own pool. */
  Instance instance() {
    return instance(Clock.systemUTC());
  }

  Instance instance(Clock clock) {
    HikariDataSource pool = pool();
    var jdbc = new NamedParameterJdbcTemplate(pool);
    var transactions = new DataSourceTransactionManager(pool);
    DecisionLog log = new DecisionLog(jdbc, transactions, clock);
    return new Instance(new ReleaseRecords(jdbc, transactions, log, clock), log, jdbc);
  }

  /** For reading stored rows behind the service's back. */
  JdbcTemplate raw() {
    return new JdbcTemplate(pools.get(0));
  }

  /**
   * For changing stored rows behind the service's back, as a database owner would who first lifts
   * the append-only guard on the decision log and its evidence.
   */
  JdbcTemplate tamperer() {
    JdbcTemplate owner = raw();
    for (String table : V8__Decision_log_append_only.TABLES) {
      owner.execute(
          switch (kind) {
            case H2 -> "DROP TRIGGER IF EXISTS " + table + "_append_only";
            case POSTGRESQL -> "ALTER TABLE " + table + " DISABLE TRIGGER USER";
          });
    }
    return owner;
  }

  private HikariDataSource pool() {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setPassword("");
    config.setMaximumPoolSize(4);
    HikariDataSource pool = new HikariDataSource(config);
    pools.add(pool);
    return pool;
  }

  @Override
  public void close() throws Exception {
    if (kind == Kind.H2) {
      raw().execute("SHUTDOWN");
    }
    pools.forEach(HikariDataSource::close);
    if (schema != null) {
      schema.close();
    }
  }

  record Instance(ReleaseRecords records, DecisionLog log, NamedParameterJdbcTemplate jdbc) {

    ReleaseRecord release() {
      return records.create(
          new NewRelease(
              "shop",
              "1.4.2",
              "3f2c1a9e8b7d6c5f4e3d2c1b0a9f8e7d6c5b4a39",
              "production",
              "normal",
              "pipeline-shop",
              Map.of("flagKey", "shop-1-4-2", "waves", List.of(1, 10, 50, 100))));
    }
  }
}
