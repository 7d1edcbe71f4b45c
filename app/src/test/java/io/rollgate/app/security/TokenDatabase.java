package io.rollgate.app.security;

import io.rollgate.app.support.PostgresSchema;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The service's schema, migrated by Flyway, on H2 in PostgreSQL mode or on PostgreSQL. */
final class TokenDatabase implements AutoCloseable {

  enum Kind {
    H2,
    POSTGRESQL
  }

  /** A clock the test moves. */
  static final class MovableClock extends Clock {
    private volatile Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    void set(Instant instant) {
      now = instant;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  final JdbcTemplate jdbc;
  private final PostgresSchema schema;

  private TokenDatabase(JdbcTemplate jdbc, PostgresSchema schema) {
    this.jdbc = jdbc;
    this.schema = schema;
  }

  static TokenDatabase create(Kind kind) {
    DriverManagerDataSource data;
    PostgresSchema schema = null;
    Flyway flyway;
    if (kind == Kind.H2) {
      data =
          new DriverManagerDataSource(
              "jdbc:h2:mem:"
                  + UUID.randomUUID()
                  + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
              "rollgate",
              "");
      flyway = Flyway.configure().dataSource(data).locations("classpath:db/migration").load();
    } else {
      schema = PostgresSchema.create();
      data = new DriverManagerDataSource(schema.jdbcUrl(), PostgresSchema.USER, "");
      flyway =
          Flyway.configure()
              .dataSource(data)
              .schemas(schema.name())
              .defaultSchema(schema.name())
              .locations("classpath:db/migration")
              .load();
    }
    flyway.migrate();
    return new TokenDatabase(new JdbcTemplate(data), schema);
  }

  @Override
  public void close() throws Exception {
    if (schema != null) {
      schema.close();
    } else {
      jdbc.execute("SHUTDOWN");
    }
  }
}
