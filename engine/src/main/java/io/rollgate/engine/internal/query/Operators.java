package io.rollgate.engine.internal.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/** The filter operators, which field types take which, and the predicate each one builds. */
final class Operators {
  static final String EQ = "$eq";
  static final String NEQ = "$neq";
  static final String EXISTS = "$exists";
  static final String IN = "$in";
  static final String NOT_IN = "$notIn";
  static final String LIKE = "$like";
  static final String GT = "$gt";
  static final String GTE = "$gte";
  static final String LT = "$lt";
  static final String LTE = "$lte";

  private static final List<String> TEXT = List.of(EQ, NEQ, EXISTS, IN, NOT_IN, LIKE);
  private static final List<String> ORDERED =
      List.of(EQ, NEQ, EXISTS, IN, NOT_IN, GT, GTE, LT, LTE);
  private static final List<String> BOOLEAN = List.of(EQ, NEQ, EXISTS);
  private static final Set<String> ALL = new LinkedHashSet<>();

  static {
    ALL.addAll(TEXT);
    ALL.addAll(ORDERED);
  }

  private Operators() {}

  static List<String> supported(FieldType type) {
    return switch (type) {
      case STRING, ENUM -> TEXT;
      case KEY, INTEGER, DATE -> ORDERED;
      case BOOLEAN -> BOOLEAN;
    };
  }

  /**
   * The condition {@code field op value} imposes, or null when it imposes none (a JSON null value,
   * an empty {@code $in}/{@code $notIn}).
   */
  static <T> Predicate<T> build(SchemaField<T> field, String op, JsonNode value, String path) {
    List<String> supported = supported(field.type);
    if (!supported.contains(op)) {
      String problem =
          ALL.contains(op)
              ? "Operator '" + op + "' is not supported"
              : "Unknown operator '" + op + "'";
      throw new QueryException(
          problem
              + " at "
              + path
              + "; '"
              + field.name
              + "' is "
              + field.type.describe()
              + ", whose operators are: "
              + String.join(", ", supported));
    }
    if (value.isNull()) {
      return null;
    }
    return switch (op) {
      case EQ -> equalTo(field, Operands.parse(field, value, path));
      case NEQ -> equalTo(field, Operands.parse(field, value, path)).negate();
      case EXISTS -> exists(field, value, path);
      case IN -> in(field, value, path, false);
      case NOT_IN -> in(field, value, path, true);
      case LIKE -> like(field, value, path);
      default -> ordered(field, op, Operands.parse(field, value, path));
    };
  }

  /** The condition that the field equals the operand; null values equal nothing. */
  static <T> Predicate<T> equalTo(SchemaField<T> field, Object operand) {
    Object expected = Operands.equalityValue(operand);
    if (expected == null) {
      return item -> false;
    }
    return item -> expected.equals(field.value(item));
  }

  private static <T> Predicate<T> exists(SchemaField<T> field, JsonNode value, String path) {
    if (!value.isBoolean()) {
      throw Operands.invalid(path, "true or false", value);
    }
    return value.booleanValue()
        ? item -> field.value(item) != null
        : item -> field.value(item) == null;
  }

  private static <T> Predicate<T> in(
      SchemaField<T> field, JsonNode value, String path, boolean negated) {
    if (!value.isArray()) {
      throw Operands.invalid(path, "an array", value);
    }
    if (value.isEmpty()) {
      return null;
    }
    Set<Object> accepted = new HashSet<>();
    for (int i = 0; i < value.size(); i++) {
      Object candidate =
          Operands.equalityValue(Operands.parse(field, value.get(i), path + "[" + i + "]"));
      if (candidate != null) {
        accepted.add(candidate);
      }
    }
    Predicate<T> contained =
        item -> {
          Object actual = field.value(item);
          return actual != null && accepted.contains(actual);
        };
    return negated ? contained.negate() : contained;
  }

  private static <T> Predicate<T> like(SchemaField<T> field, JsonNode value, String path) {
    if (!value.isTextual()) {
      throw Operands.invalid(path, "a string pattern with * and ? wildcards", value);
    }
    LikePattern pattern = LikePattern.compile(value.textValue());
    return item -> {
      Object actual = field.value(item);
      return actual != null && pattern.matches((String) actual);
    };
  }

  private static <T> Predicate<T> ordered(SchemaField<T> field, String op, Object operand) {
    long bound;
    String comparison = op;
    if (operand instanceof Operands.DateOperand date) {
      bound = date.floorMillis();
      // Items are whole millis: above a bound with a fraction means above its floor, and below it
      // means at most its floor.
      if (!date.exact()) {
        comparison = op.equals(GTE) ? GT : op.equals(LT) ? LTE : op;
      }
    } else {
      bound = (Long) operand;
    }
    return switch (comparison) {
      case GT -> item -> field.value(item) instanceof Long v && v > bound;
      case GTE -> item -> field.value(item) instanceof Long v && v >= bound;
      case LT -> item -> field.value(item) instanceof Long v && v < bound;
      case LTE -> item -> field.value(item) instanceof Long v && v <= bound;
      default -> throw new IllegalArgumentException(op);
    };
  }
}
