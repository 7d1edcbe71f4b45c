package io.rollgate.sandbox.servicenow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rollgate.sandbox.SimJson;
import java.net.URI;
import java.util.Map;
import java.util.Set;

/** Writes records the way the two APIs do. */
final class Render {

  /** How the Table API's {@code sysparm_display_value} asks for values. */
  enum DisplayMode {
    VALUE,
    DISPLAY,
    ALL;

    static DisplayMode of(String param) {
      if ("true".equalsIgnoreCase(param)) {
        return DISPLAY;
      }
      return "all".equalsIgnoreCase(param) ? ALL : VALUE;
    }
  }

  private Render() {}

  /**
   * A Change Management API record: every field as {@code {"display_value", "value"}}, date fields
   * with {@code display_value_internal} too, as the docs' examples show.
   */
  static ObjectNode change(Row row) {
    ObjectNode out = SimJson.object();
    for (Map.Entry<String, Cell> e : row.cells().entrySet()) {
      ObjectNode field = out.putObject(e.getKey());
      field.put("display_value", e.getValue().display());
      field.putPOJO("value", e.getValue().value());
      if (e.getKey().endsWith("_on") || e.getKey().endsWith("_date")) {
        field.put("display_value_internal", e.getValue().display());
      }
    }
    return out;
  }

  /** A Table API record in the asked mode, limited to {@code fields} when not empty. */
  static ObjectNode table(
      Row row, DisplayMode mode, boolean excludeLinks, Set<String> fields, URI base) {
    ObjectNode out = SimJson.object();
    for (Map.Entry<String, Cell> e : row.cells().entrySet()) {
      if (!fields.isEmpty() && !fields.contains(e.getKey())) {
        continue;
      }
      Cell c = e.getValue();
      boolean linked = c.refTable() != null && !c.text().isEmpty() && !excludeLinks;
      String link = linked ? base + "/api/now/table/" + c.refTable() + "/" + c.text() : null;
      switch (mode) {
        case VALUE:
          if (linked) {
            out.putObject(e.getKey()).put("link", link).put("value", c.text());
          } else {
            out.put(e.getKey(), c.text());
          }
          break;
        case DISPLAY:
          if (linked) {
            out.putObject(e.getKey()).put("display_value", c.display()).put("link", link);
          } else {
            out.put(e.getKey(), c.display());
          }
          break;
        default:
          ObjectNode both = out.putObject(e.getKey());
          both.put("display_value", c.display());
          if (linked) {
            both.put("link", link);
          }
          both.put("value", c.text());
      }
    }
    return out;
  }
}
