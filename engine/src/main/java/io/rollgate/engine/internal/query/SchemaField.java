package io.rollgate.engine.internal.query;

import java.util.Set;
import java.util.function.Function;

/**
 * One typed field of an {@link EntitySchema}. Its {@link #value} is canonical: {@link Long} for the
 * numeric types, {@link String} for text and enums, {@link Boolean} - so equality is {@code
 * equals}, order is {@code compareTo}, and filter operands, sort values and cursor values all meet
 * in the same representation.
 */
final class SchemaField<T> {
  final String name;
  final FieldType type;
  final boolean sortable;

  /** Enum constant names a filter value must be one of, or null when any string is accepted. */
  final Set<String> allowedValues;

  private final Function<? super T, ?> getter;

  SchemaField(
      String name,
      FieldType type,
      Function<? super T, ?> getter,
      boolean sortable,
      Set<String> allowedValues) {
    this.name = name;
    this.type = type;
    this.getter = getter;
    this.sortable = sortable;
    this.allowedValues = allowedValues;
  }

  SchemaField<T> withSortable(boolean sortable) {
    return new SchemaField<>(name, type, getter, sortable, allowedValues);
  }

  /** The canonical value of this field for an item, or null. */
  Object value(T item) {
    Object raw = getter.apply(item);
    if (raw == null) {
      return null;
    }
    return switch (type) {
      case STRING -> raw.toString();
      case ENUM -> raw instanceof Enum<?> e ? e.name() : raw.toString();
      case KEY, INTEGER, DATE -> toLong(raw);
      case BOOLEAN -> toBoolean(raw);
    };
  }

  private Object toLong(Object raw) {
    if (raw instanceof Long) {
      return raw;
    }
    if (raw instanceof Number n) {
      return n.longValue();
    }
    throw new IllegalStateException(
        "getter of "
            + type.describe()
            + " '"
            + name
            + "' must return a Number"
            + (type == FieldType.DATE ? " of epoch milliseconds" : "")
            + ", got "
            + raw.getClass().getName());
  }

  private Object toBoolean(Object raw) {
    if (raw instanceof Boolean) {
      return raw;
    }
    throw new IllegalStateException(
        "getter of boolean field '" + name + "' must return a Boolean, got " + raw.getClass());
  }
}
