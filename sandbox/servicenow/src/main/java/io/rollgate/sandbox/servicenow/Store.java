package io.rollgate.sandbox.servicenow;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The simulated instance's tables. Not thread-safe on its own: {@link ChangeDesk} owns it and
 * serialises every access.
 */
final class Store {

  static final DateTimeFormatter GLIDE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private final Map<String, Map<String, Row>> tables = new HashMap<>();
  private final Map<String, Integer> counters = new HashMap<>();
  private final Clock clock;

  Store(Clock clock) {
    this.clock = clock;
    counters.put("CHG", 30000);
    counters.put("CTASK", 10000);
    counters.put("INC", 10000);
  }

  /** A 32 character lower-case hex sys_id. */
  static String newSysId() {
    return UUID.randomUUID().toString().replace("-", "");
  }

  String nextNumber(String prefix) {
    int n = counters.merge(prefix, 1, Integer::sum);
    return prefix + String.format("%07d", n);
  }

  String now() {
    return GLIDE_TIME.format(clock.instant());
  }

  /** A new row with sys_id and the system fields set, stored in {@code table}. */
  Row insert(String table, String sysId) {
    Row row = new Row(table);
    String now = now();
    row.put("sys_id", sysId)
        .put("sys_created_on", now)
        .put("sys_updated_on", now)
        .put("sys_created_by", "admin")
        .put("sys_updated_by", "admin")
        .put("sys_class_name", table);
    tables.computeIfAbsent(table, t -> new LinkedHashMap<>()).put(sysId, row);
    return row;
  }

  Optional<Row> get(String table, String sysId) {
    return Optional.ofNullable(tables.getOrDefault(table, Map.of()).get(sysId));
  }

  Optional<Row> find(String table, Predicate<Row> test) {
    return rows(table).stream().filter(test).findFirst();
  }

  List<Row> rows(String table) {
    return new ArrayList<>(tables.getOrDefault(table, Map.of()).values());
  }

  boolean delete(String table, String sysId) {
    return tables.getOrDefault(table, new HashMap<>()).remove(sysId) != null;
  }

  void touch(Row row) {
    row.put("sys_updated_on", now());
    int mods =
        (int)
            Double.parseDouble(
                row.text("sys_mod_count").isEmpty() ? "0" : row.text("sys_mod_count"));
    row.put("sys_mod_count", mods + 1);
  }

  void clear() {
    tables.clear();
  }
}
