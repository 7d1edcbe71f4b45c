package io.rollgate.sandbox.servicenow;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The subset of ServiceNow's encoded query language the simulator understands: conditions joined by
 * {@code ^} (AND) and {@code ^OR}, the operators {@code = != < <= > >= LIKE NOT LIKE STARTSWITH
 * ENDSWITH IN NOT IN ISEMPTY ISNOTEMPTY}, and {@code ORDERBY} / {@code ORDERBYDESC}. Like the real
 * instance, a part it cannot read is ignored.
 */
final class EncodedQuery {

  private static final Pattern CONDITION =
      Pattern.compile(
          "^([a-z_][a-z0-9_.]*)"
              + "(!=|<=|>=|=|<|>|NOT LIKE|LIKE|STARTSWITH|ENDSWITH|NOT IN|IN|ISNOTEMPTY|ISEMPTY)"
              + "(.*)$");

  private static final java.util.Set<String> NOT_FIELDS = java.util.Set.of("order", "textSearch");

  record Condition(String field, String op, String value) {}

  record Order(String field, boolean descending) {}

  /** Groups are ANDed; the conditions inside one group are ORed. */
  private final List<List<Condition>> groups = new ArrayList<>();

  private final List<Order> orders = new ArrayList<>();

  private EncodedQuery() {}

  static EncodedQuery parse(String query) {
    EncodedQuery q = new EncodedQuery();
    if (query == null || query.isBlank()) {
      return q;
    }
    for (String raw : query.split("\\^")) {
      String part = raw.trim();
      if (part.isEmpty()) {
        continue;
      }
      if (part.startsWith("ORDERBYDESC")) {
        q.orders.add(new Order(part.substring("ORDERBYDESC".length()), true));
        continue;
      }
      if (part.startsWith("ORDERBY")) {
        q.orders.add(new Order(part.substring("ORDERBY".length()), false));
        continue;
      }
      boolean or = part.startsWith("OR") && !q.groups.isEmpty();
      Matcher m = CONDITION.matcher(or ? part.substring(2) : part);
      if (!m.matches()) {
        continue;
      }
      Condition c = new Condition(m.group(1), m.group(2), m.group(3));
      if (or) {
        q.groups.get(q.groups.size() - 1).add(c);
      } else {
        q.groups.add(new ArrayList<>(List.of(c)));
      }
    }
    return q;
  }

  /** Adds a plain {@code field=value} condition, as name-value query parameters give them. */
  EncodedQuery and(String field, String value) {
    groups.add(new ArrayList<>(List.of(new Condition(field, "=", value))));
    return this;
  }

  boolean matches(Row row) {
    for (List<Condition> group : groups) {
      if (group.stream().noneMatch(c -> holds(c, row))) {
        return false;
      }
    }
    return true;
  }

  Comparator<Row> order() {
    Comparator<Row> cmp = (a, b) -> 0;
    for (Order o : orders) {
      Comparator<Row> byField = (a, b) -> compare(a.text(o.field()), b.text(o.field()));
      cmp = cmp.thenComparing(o.descending() ? byField.reversed() : byField);
    }
    return cmp;
  }

  private static boolean holds(Condition c, Row row) {
    Cell cell = row.cell(c.field());
    String value = cell == null ? "" : cell.text();
    String display = cell == null ? "" : cell.display();
    String v = c.value();
    switch (c.op()) {
      case "=":
        return value.equals(v) || (cell != null && cell.refTable() != null && display.equals(v));
      case "!=":
        return !value.equals(v);
      case "<":
        return compare(value, v) < 0;
      case "<=":
        return compare(value, v) <= 0;
      case ">":
        return compare(value, v) > 0;
      case ">=":
        return compare(value, v) >= 0;
      case "LIKE":
        return value.contains(v) || display.contains(v);
      case "NOT LIKE":
        return !value.contains(v) && !display.contains(v);
      case "STARTSWITH":
        return value.startsWith(v);
      case "ENDSWITH":
        return value.endsWith(v);
      case "IN":
        return List.of(v.split(",")).contains(value);
      case "NOT IN":
        return !List.of(v.split(",")).contains(value);
      case "ISEMPTY":
        return value.isEmpty();
      case "ISNOTEMPTY":
        return !value.isEmpty();
      default:
        return true;
    }
  }

  /** Numbers compare as numbers, everything else as text. */
  static int compare(String a, String b) {
    try {
      return Double.compare(Double.parseDouble(a), Double.parseDouble(b));
    } catch (NumberFormatException notNumbers) {
      return a.compareTo(b);
    }
  }

  /** Name-value pairs from the URL that are not {@code sysparm_*} parameters. */
  static EncodedQuery fromParameters(String query, Map<String, List<String>> params) {
    EncodedQuery q = parse(query);
    params.forEach(
        (name, values) -> {
          if (!name.startsWith("sysparm_") && !NOT_FIELDS.contains(name) && !values.isEmpty()) {
            q.and(name, values.get(0));
          }
        });
    return q;
  }
}
