package db.migration;

import io.rollgate.app.record.AppendOnlyTrigger;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The database itself refuses to change or remove a recorded decision or the evidence it saw: an
 * update or delete of {@code decision_log} or {@code evidence} fails, and on PostgreSQL so does a
 * truncate. A database owner can still drop the guard; the hash chain then shows what changed.
 * PostgreSQL gets a PL/pgSQL trigger, H2 (the single-machine default) {@link AppendOnlyTrigger}.
 */
public class V8__Decision_log_append_only extends BaseJavaMigration {

  /** The tables guarded. */
  public static final List<String> TABLES = List.of("decision_log", "evidence");

  @Override
  public void migrate(Context context) throws SQLException {
    Connection connection = context.getConnection();
    String product = connection.getMetaData().getDatabaseProductName();
    try (Statement sql = connection.createStatement()) {
      if (product.equalsIgnoreCase("PostgreSQL")) {
        onPostgresql(sql);
      } else if (product.equalsIgnoreCase("H2")) {
        onH2(sql);
      } else {
        throw new SQLException("Rollgate's records need PostgreSQL or H2, not " + product);
      }
    }
  }

  private static void onPostgresql(Statement sql) throws SQLException {
    sql.execute(
        """
        CREATE FUNCTION refuse_changing_records() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
            USING ERRCODE = 'integrity_constraint_violation';
        END
        $$""");
    for (String table : TABLES) {
      sql.execute(
          "CREATE TRIGGER %1$s_append_only BEFORE UPDATE OR DELETE ON %1$s FOR EACH ROW EXECUTE FUNCTION refuse_changing_records()"
              .formatted(table));
      sql.execute(
          "CREATE TRIGGER %1$s_no_truncate BEFORE TRUNCATE ON %1$s FOR EACH STATEMENT EXECUTE FUNCTION refuse_changing_records()"
              .formatted(table));
    }
  }

  private static void onH2(Statement sql) throws SQLException {
    for (String table : TABLES) {
      sql.execute(
          "CREATE TRIGGER %1$s_append_only BEFORE UPDATE, DELETE ON %1$s FOR EACH ROW CALL '%2$s'"
              .formatted(table, AppendOnlyTrigger.class.getName()));
    }
  }
}
