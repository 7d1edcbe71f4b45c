package io.rollgate.app.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/**
 * A fresh schema in the build machines' PostgreSQL (127.0.0.1:5432, database {@code test}, user
 * {@code postgres}, trust authentication), dropped afterwards, so parallel test runs never meet.
 * When PostgreSQL cannot be reached the test fails saying so; it is never skipped.
 */
public final class PostgresSchema implements AutoCloseable {

  public static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
  public static final String USER = "postgres";

  private final String name;

  private PostgresSchema(String name) {
    this.name = name;
  }

  public static PostgresSchema create() {
    String name = "rg_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection c = DriverManager.getConnection(URL, USER, "");
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + name);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "PostgreSQL is not reachable at "
              + URL
              + " as user "
              + USER
              + " (the production database path is tested against it): "
              + e.getMessage(),
          e);
    }
    return new PostgresSchema(name);
  }

  public String name() {
    return name;
  }

  public String jdbcUrl() {
    return URL + "?currentSchema=" + name;
  }

  /** Spring properties for a service using this schema. */
  public Map<String, String> springProperties() {
    return Map.of(
        "spring.datasource.url", jdbcUrl(),
        "spring.datasource.username", USER,
        "spring.datasource.password", "",
        "spring.flyway.schemas", name,
        "spring.flyway.default-schema", name);
  }

  @Override
  public void close() throws SQLException {
    try (Connection c = DriverManager.getConnection(URL, USER, "");
        Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
    }
  }
}
