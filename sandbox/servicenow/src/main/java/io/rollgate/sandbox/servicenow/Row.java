package io.rollgate.sandbox.servicenow;

import java.util.LinkedHashMap;
import java.util.Map;

/** A simulated record: field name to {@link Cell}, in insertion order. Guarded by the store. */
final class Row {

  private final String table;
  private final Map<String, Cell> cells = new LinkedHashMap<>();

  Row(String table) {
    this.table = table;
  }

  String table() {
    return table;
  }

  Row put(String field, Cell cell) {
    cells.put(field, cell);
    return this;
  }

  Row put(String field, Object value) {
    return put(field, Cell.of(value));
  }

  Cell cell(String field) {
    return cells.get(field);
  }

  /** The stored value as text, empty when the field is unset. */
  String text(String field) {
    Cell c = cells.get(field);
    return c == null ? "" : c.text();
  }

  String sysId() {
    return text("sys_id");
  }

  Map<String, Cell> cells() {
    return cells;
  }

  Row copy() {
    Row r = new Row(table);
    r.cells.putAll(cells);
    return r;
  }
}
