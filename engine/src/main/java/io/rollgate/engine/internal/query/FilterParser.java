package io.rollgate.engine.internal.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Turns the {@code filter} object of a search request into one predicate: the AND of its fields,
 * each a plain value (equality) or an AND of operators, and of an optional {@code $or} array of
 * such objects. Also remembers the top-level equalities, so callers can start from an index.
 */
final class FilterParser<T> {
  static final String OR = "$or";

  /**
   * @param equalities field name to canonical operand, for fields pinned by a plain value or {@code
   *     $eq} outside {@code $or}
   */
  record Result<T>(Predicate<T> predicate, Map<String, Object> equalities) {}

  /**
   * One AND-ed test with a rank: items are tested cheapest and most selective first, so most are
   * rejected by a key equality before a {@code $like} or custom predicate runs.
   */
  private record Condition<T>(int rank, Predicate<T> test) {}

  private static final int KEY_EQUALITY = 0;
  private static final int COMPARISON = 1;
  private static final int PATTERN = 2;
  private static final int COMPOSITE = 3;

  private final EntitySchema<T> schema;

  private FilterParser(EntitySchema<T> schema) {
    this.schema = schema;
  }

  static <T> Result<T> parse(JsonNode filter, EntitySchema<T> schema) {
    Map<String, Object> equalities = new LinkedHashMap<>();
    if (filter == null || filter.isNull() || filter.isMissingNode()) {
      return new Result<>(item -> true, equalities);
    }
    if (!filter.isObject()) {
      throw new QueryException("filter must be a JSON object, got " + QueryException.show(filter));
    }
    List<Condition<T>> conditions = new ArrayList<>();
    new FilterParser<>(schema).parseObject(filter, "filter", conditions, equalities);
    return new Result<>(allOf(conditions), equalities);
  }

  /**
   * Adds the conditions of one filter object.
   *
   * @param equalities where to record pinned fields, or null inside {@code $or}
   */
  private void parseObject(
      JsonNode filter, String path, List<Condition<T>> conditions, Map<String, Object> equalities) {
    for (Map.Entry<String, JsonNode> entry : filter.properties()) {
      String name = entry.getKey();
      JsonNode value = entry.getValue();
      String fieldPath = path + "." + name;
      if (name.equals(OR)) {
        if (equalities == null) {
          throw new QueryException(
              "$or is only allowed at the top level of filter, found at " + fieldPath);
        }
        add(conditions, COMPOSITE, parseOr(value, fieldPath));
        continue;
      }
      SchemaField<T> field = schema.field(name);
      if (field != null) {
        parseField(field, value, fieldPath, conditions, equalities);
        continue;
      }
      Function<JsonNode, ? extends Predicate<? super T>> custom = schema.customField(name);
      if (custom != null) {
        add(conditions, COMPOSITE, parseCustom(custom, value, fieldPath));
        continue;
      }
      if (!schema.isIgnored(name)) {
        List<String> valid = new ArrayList<>(schema.filterFields());
        if (equalities != null) {
          valid.add(OR);
        }
        throw new QueryException(
            "Unknown filter field '"
                + name
                + "' at "
                + fieldPath
                + "; the fields of a "
                + schema.entityName()
                + " filter are: "
                + String.join(", ", valid));
      }
    }
  }

  private void parseField(
      SchemaField<T> field,
      JsonNode value,
      String path,
      List<Condition<T>> conditions,
      Map<String, Object> equalities) {
    if (value.isNull()) {
      return;
    }
    if (!value.isObject()) {
      Object operand = Operands.parse(field, value, path);
      add(conditions, rank(field, Operators.EQ), Operators.equalTo(field, operand));
      if (equalities != null) {
        equalities.put(field.name, operand);
      }
      return;
    }
    for (Map.Entry<String, JsonNode> operator : value.properties()) {
      String op = operator.getKey();
      add(
          conditions,
          rank(field, op),
          Operators.build(field, op, operator.getValue(), path + "." + op));
      if (equalities != null && op.equals(Operators.EQ) && !operator.getValue().isNull()) {
        equalities.put(field.name, Operands.parse(field, operator.getValue(), path));
      }
    }
  }

  private Predicate<T> parseOr(JsonNode value, String path) {
    if (value.isNull()) {
      return null;
    }
    if (!value.isArray()) {
      throw Operands.invalid(path, "an array of filter objects", value);
    }
    if (value.isEmpty()) {
      return null;
    }
    List<Predicate<T>> alternatives = new ArrayList<>();
    for (int i = 0; i < value.size(); i++) {
      JsonNode alternative = value.get(i);
      String alternativePath = path + "[" + i + "]";
      if (!alternative.isObject()) {
        throw Operands.invalid(alternativePath, "a filter object", alternative);
      }
      List<Condition<T>> conditions = new ArrayList<>();
      parseObject(alternative, alternativePath, conditions, null);
      alternatives.add(allOf(conditions));
    }
    return anyOf(alternatives);
  }

  private Predicate<T> parseCustom(
      Function<JsonNode, ? extends Predicate<? super T>> custom, JsonNode value, String path) {
    if (value.isNull() || (value.isArray() && value.isEmpty())) {
      return null;
    }
    Predicate<? super T> condition;
    try {
      condition = custom.apply(value);
    } catch (QueryException | IllegalArgumentException e) {
      throw new QueryException("Invalid value at " + path + ": " + e.getMessage());
    }
    return condition == null ? null : condition::test;
  }

  private static int rank(SchemaField<?> field, String op) {
    if (op.equals(Operators.LIKE)) {
      return PATTERN;
    }
    return op.equals(Operators.EQ) && field.type == FieldType.KEY ? KEY_EQUALITY : COMPARISON;
  }

  private static <T> void add(List<Condition<T>> conditions, int rank, Predicate<T> test) {
    if (test != null) {
      conditions.add(new Condition<>(rank, test));
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> Predicate<T> allOf(List<Condition<T>> conditions) {
    if (conditions.isEmpty()) {
      return item -> true;
    }
    if (conditions.size() == 1) {
      return conditions.get(0).test();
    }
    Predicate<T>[] all =
        conditions.stream()
            .sorted(Comparator.comparingInt(Condition::rank))
            .map(Condition::test)
            .toArray(Predicate[]::new);
    return item -> {
      for (Predicate<T> condition : all) {
        if (!condition.test(item)) {
          return false;
        }
      }
      return true;
    };
  }

  @SuppressWarnings("unchecked")
  private static <T> Predicate<T> anyOf(List<Predicate<T>> alternatives) {
    Predicate<T>[] any = alternatives.toArray(new Predicate[0]);
    return item -> {
      for (Predicate<T> alternative : any) {
        if (alternative.test(item)) {
          return true;
        }
      }
      return false;
    };
  }
}
