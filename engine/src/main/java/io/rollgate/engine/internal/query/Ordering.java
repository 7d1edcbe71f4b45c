package io.rollgate.engine.internal.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The order of a search: the requested sort fields, then the key field ascending so that the order
 * is total and every item has a unique position. Ascending puts null values last, descending first.
 *
 * <p>A position is the array of an item's canonical values for these fields; cursors carry one, and
 * items are compared against it by value, so a position stays meaningful after its item is gone.
 */
final class Ordering<T> implements Comparator<T> {
  private static final List<String> SORT_PROPERTIES = List.of("field", "order");

  private final SchemaField<T>[] fields;
  private final boolean[] descending;

  private Ordering(List<SchemaField<T>> fields, List<Boolean> descending) {
    @SuppressWarnings("unchecked")
    SchemaField<T>[] array = fields.toArray(new SchemaField[0]);
    this.fields = array;
    this.descending = new boolean[descending.size()];
    for (int i = 0; i < descending.size(); i++) {
      this.descending[i] = descending.get(i);
    }
  }

  static <T> Ordering<T> parse(JsonNode sort, EntitySchema<T> schema) {
    List<SchemaField<T>> fields = new ArrayList<>();
    List<Boolean> descending = new ArrayList<>();
    if (sort != null && !sort.isNull() && !sort.isMissingNode()) {
      if (!sort.isArray()) {
        throw Operands.invalid("sort", "an array of {field, order} objects", sort);
      }
      for (int i = 0; i < sort.size(); i++) {
        String path = "sort[" + i + "]";
        JsonNode criterion = sort.get(i);
        if (!criterion.isObject()) {
          throw Operands.invalid(path, "an object {field, order}", criterion);
        }
        for (Map.Entry<String, JsonNode> property : criterion.properties()) {
          if (!SORT_PROPERTIES.contains(property.getKey())) {
            throw new QueryException(
                "Unknown property '"
                    + property.getKey()
                    + "' at "
                    + path
                    + "; valid properties: field, order");
          }
        }
        SchemaField<T> field = sortField(criterion.get("field"), path + ".field", schema);
        boolean desc = isDescending(criterion.get("order"), path + ".order");
        // A repeated field can no longer change the order, so it is dropped rather than compared.
        if (!fields.contains(field)) {
          fields.add(field);
          descending.add(desc);
        }
      }
    }
    if (!fields.contains(schema.key())) {
      fields.add(schema.key());
      descending.add(false);
    }
    return new Ordering<>(fields, descending);
  }

  private static <T> SchemaField<T> sortField(JsonNode node, String path, EntitySchema<T> schema) {
    if (node == null || node.isNull()) {
      throw new QueryException(path + " is required; sortable fields: " + sortable(schema));
    }
    if (!node.isTextual()) {
      throw Operands.invalid(path, "a field name", node);
    }
    SchemaField<T> field = schema.field(node.textValue());
    if (field == null || !field.sortable) {
      throw new QueryException(
          (field == null ? "Unknown sort field '" : "Cannot sort on field '")
              + node.textValue()
              + "' at "
              + path
              + "; the sortable fields of a "
              + schema.entityName()
              + " are: "
              + sortable(schema));
    }
    return field;
  }

  private static String sortable(EntitySchema<?> schema) {
    return String.join(", ", schema.sortFields());
  }

  private static boolean isDescending(JsonNode order, String path) {
    if (order == null || order.isNull()) {
      return false;
    }
    if (order.isTextual() && order.textValue().equals("ASC")) {
      return false;
    }
    if (order.isTextual() && order.textValue().equals("DESC")) {
      return true;
    }
    throw Operands.invalid(path, "\"ASC\" or \"DESC\"", order);
  }

  @Override
  public int compare(T a, T b) {
    for (int i = 0; i < fields.length; i++) {
      int result = compareValues(fields[i].value(a), fields[i].value(b), descending[i]);
      if (result != 0) {
        return result;
      }
    }
    return 0;
  }

  /** Compares an item with a position: negative when the item comes before it. */
  int compareToPosition(T item, Object[] position) {
    for (int i = 0; i < fields.length; i++) {
      int result = compareValues(fields[i].value(item), position[i], descending[i]);
      if (result != 0) {
        return result;
      }
    }
    return 0;
  }

  Object[] positionOf(T item) {
    Object[] position = new Object[fields.length];
    for (int i = 0; i < fields.length; i++) {
      position[i] = fields[i].value(item);
    }
    return position;
  }

  int size() {
    return fields.length;
  }

  SchemaField<T> field(int index) {
    return fields[index];
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compareValues(Object a, Object b, boolean descending) {
    int result;
    if (a == null || b == null) {
      // Null ranks above every value: last when ascending, first when descending.
      result = a == b ? 0 : a == null ? 1 : -1;
    } else {
      result = ((Comparable) a).compareTo(b);
    }
    return descending ? -result : result;
  }
}
