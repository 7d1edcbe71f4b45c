package io.rollgate.sandbox.servicenow;

/**
 * One field of a simulated record: its stored value (a String, Integer or Boolean), its display
 * value, and for reference fields the table it points to.
 */
record Cell(Object value, String display, String refTable) {

  static Cell of(Object value) {
    String text = value == null ? "" : String.valueOf(value);
    return new Cell(value == null ? "" : value, text, null);
  }

  static Cell of(Object value, String display) {
    return new Cell(value == null ? "" : value, display == null ? "" : display, null);
  }

  static Cell ref(String table, String sysId, String display) {
    return new Cell(sysId == null ? "" : sysId, display == null ? "" : display, table);
  }

  String text() {
    return String.valueOf(value);
  }
}
