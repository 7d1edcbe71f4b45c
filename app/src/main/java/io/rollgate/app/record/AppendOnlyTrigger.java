package io.rollgate.app.record;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import org.h2.api.Trigger;

/**
 * Refuses every update and delete of the H2 table it guards: the decision log and its evidence are
 * append-only (installed by the {@code V8} migration, like PostgreSQL's trigger).
 */
public final class AppendOnlyTrigger implements Trigger {

  private String table;

  @Override
  public void init(
      Connection connection,
      String schemaName,
      String triggerName,
      String tableName,
      boolean before,
      int type) {
    this.table = tableName.toLowerCase(Locale.ROOT);
  }

  @Override
  public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
    String operation = newRow == null ? "DELETE" : "UPDATE";
    throw new SQLException(table + " is append-only: " + operation + " refused", "23000");
  }
}
