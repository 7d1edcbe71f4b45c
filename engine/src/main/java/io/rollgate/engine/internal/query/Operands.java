package io.rollgate.engine.internal.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * Reads filter operands from JSON into the canonical form of {@link SchemaField#value}, rejecting
 * values of the wrong type with a message that says what was expected.
 */
final class Operands {
  private Operands() {}

  /**
   * A date operand. Item dates are whole epoch millis, so a bound with sub-millisecond digits is
   * kept as its floor plus a flag: that is enough to compare it exactly without a per-item
   * conversion.
   */
  record DateOperand(long floorMillis, boolean exact) {}

  /**
   * The operand as {@link Long} (KEY, INTEGER), {@link String} (STRING, ENUM), {@link Boolean} or
   * {@link DateOperand}.
   */
  static Object parse(SchemaField<?> field, JsonNode node, String path) {
    return switch (field.type) {
      case STRING -> text(node, path);
      case ENUM -> enumName(field, node, path);
      case KEY -> key(node, path);
      case INTEGER -> integer(node, path);
      case DATE -> date(node, path);
      case BOOLEAN -> bool(node, path);
    };
  }

  /**
   * The operand as an item value it can equal, or null when no item value can equal it (a date with
   * sub-millisecond digits).
   */
  static Object equalityValue(Object operand) {
    if (operand instanceof DateOperand date) {
      return date.exact() ? date.floorMillis() : null;
    }
    return operand;
  }

  /**
   * The operand as {@link SearchQuery#equalityOn} hands it out, or null when nothing can equal it.
   */
  static Object publicValue(FieldType type, Object operand) {
    Object value = equalityValue(operand);
    if (type == FieldType.INTEGER && value != null) {
      return Math.toIntExact((Long) value);
    }
    return value;
  }

  static QueryException invalid(String path, String expected, JsonNode node) {
    return new QueryException(
        "Invalid value at "
            + path
            + ": expected "
            + expected
            + ", got "
            + QueryException.show(node));
  }

  private static String text(JsonNode node, String path) {
    if (!node.isTextual()) {
      throw invalid(path, "a string", node);
    }
    return node.textValue();
  }

  private static String enumName(SchemaField<?> field, JsonNode node, String path) {
    String name = text(node, path);
    if (field.allowedValues != null && !field.allowedValues.contains(name)) {
      throw invalid(path, "one of " + String.join(", ", field.allowedValues), node);
    }
    return name;
  }

  private static Long key(JsonNode node, String path) {
    String expected = "a key (a 64-bit integer as a string of digits or a number)";
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      return node.longValue();
    }
    if (node.isTextual()) {
      try {
        return Long.parseLong(node.textValue());
      } catch (NumberFormatException e) {
        throw invalid(path, expected, node);
      }
    }
    throw invalid(path, expected, node);
  }

  private static Long integer(JsonNode node, String path) {
    if (node.isIntegralNumber() && node.canConvertToInt()) {
      return node.longValue();
    }
    throw invalid(path, "a 32-bit integer number", node);
  }

  private static DateOperand date(JsonNode node, String path) {
    String expected = "an ISO-8601 date-time with offset, e.g. \"2024-05-01T12:00:00.000Z\"";
    if (!node.isTextual()) {
      throw invalid(path, expected, node);
    }
    try {
      Instant instant = OffsetDateTime.parse(node.textValue()).toInstant();
      // toEpochMilli floors, so a positive nano remainder means the bound lies above the floor.
      return new DateOperand(instant.toEpochMilli(), instant.getNano() % 1_000_000 == 0);
    } catch (DateTimeException | ArithmeticException e) {
      throw invalid(path, expected, node);
    }
  }

  private static Boolean bool(JsonNode node, String path) {
    if (!node.isBoolean()) {
      throw invalid(path, "true or false", node);
    }
    return node.booleanValue();
  }
}
