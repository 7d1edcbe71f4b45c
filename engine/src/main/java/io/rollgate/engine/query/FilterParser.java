package io.rollgate.engine.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
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
    List<Predicate<T>> conditions = new ArrayList<>();
    new FilterParser<>(schema).parseObject(filter, "filter", conditions, equalities);
    return new Result<>(allOf(conditions), equalities);
  }

  /**
   * Adds the conditions of one filter object.
   *
   * @param equalities where to record pinned fields, or null inside {@code $or}
   */
  private void parseObject(
      JsonNode filter, String path, List<Predicate<T>> conditions, Map<String, Object> equalities) {
    for (Map.Entry<String, JsonNode> entry : filter.properties()) {
      String name = entry.getKey();
      JsonNode value = entry.getValue();
      String fieldPath = path + "." + name;
      if (name.equals(OR)) {
        if (equalities == null) {
          throw new QueryException(
              "$or is only allowed at the top level of filter, found at " + fieldPath);
        }
        add(conditions, parseOr(value, fieldPath));
        continue;
      }
      SchemaField<T> field = schema.field(name);
      if (field != null) {
        parseField(field, value, fieldPath, conditions, equalities);
        continue;
      }
      Function<JsonNode, ? extends Predicate<? super T>> custom = schema.customField(name);
      if (custom != null) {
        add(conditions, parseCustom(custom, value, fieldPath));
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
      List<Predicate<T>> conditions,
      Map<String, Object> equalities) {
    if (value.isNull()) {
      return;
    }
    if (!value.isObject()) {
      Object operand = Operands.parse(field, value, path);
      conditions.add(Operators.equalTo(field, operand));
      if (equalities != null) {
        equalities.put(field.name, operand);
      }
      return;
    }
    for (Map.Entry<String, JsonNode> operator : value.properties()) {
      String op = operator.getKey();
      add(conditions, Operators.build(field, op, operator.getValue(), path + "." + op));
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
      List<Predicate<T>> conditions = new ArrayList<>();
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

  private static <T> void add(List<Predicate<T>> conditions, Predicate<T> condition) {
    if (condition != null) {
      conditions.add(condition);
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> Predicate<T> allOf(List<Predicate<T>> conditions) {
    if (conditions.isEmpty()) {
      return item -> true;
    }
    if (conditions.size() == 1) {
      return conditions.get(0);
    }
    Predicate<T>[] all = conditions.toArray(new Predicate[0]);
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
