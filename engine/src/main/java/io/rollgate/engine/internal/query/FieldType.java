package io.rollgate.engine.internal.query;

/**
 * The type of a filterable and sortable entity field: it decides which JSON values a filter may
 * compare the field with, which operators apply, and what the field's getter must return.
 *
 * <p>Getters may always return {@code null} for "no value"; such values never equal anything,
 * satisfy {@code $exists:false}, {@code $neq} and {@code $notIn}, and sort last in ascending order.
 */
public enum FieldType {
  /**
   * Free text. JSON: a string. Getter: any object, compared by {@code toString()}. Operators:
   * {@code $eq $neq $exists $in $notIn $like}.
   */
  STRING,
  /**
   * A 64-bit entity key. JSON: a string of digits (as Camunda sends keys) or an integral number.
   * Getter: a {@link Number}, usually {@code long}/{@link Long}. Operators: {@code $eq $neq $exists
   * $in $notIn $gt $gte $lt $lte}.
   */
  KEY,
  /**
   * A 32-bit integer. JSON: an integral number. Getter: a {@link Number}. Operators: as for {@link
   * #KEY}.
   */
  INTEGER,
  /**
   * A point in time. JSON: an ISO-8601 date-time with offset, e.g. {@code
   * 2024-05-01T12:00:00.000Z}. Getter: epoch milliseconds as a {@link Number} (the engine's state
   * keeps {@code long} millis); an {@link java.time.Instant} is rejected with an {@link
   * IllegalStateException} so a wrong getter fails loudly instead of never matching. Filter values
   * with sub-millisecond digits are compared exactly. Operators: as for {@link #KEY}.
   */
  DATE,
  /**
   * JSON: {@code true} or {@code false}. Getter: a {@link Boolean}. Operators: {@code $eq $neq
   * $exists}.
   */
  BOOLEAN,
  /**
   * An enumeration, compared case-sensitively by name. JSON: a string. Getter: a Java {@link Enum}
   * (its {@code name()} is used) or a string. Operators: as for {@link #STRING}.
   */
  ENUM;

  /** How the type is named in error messages, with its article. */
  String describe() {
    return switch (this) {
      case STRING -> "a string field";
      case KEY -> "a key field";
      case INTEGER -> "an integer field";
      case DATE -> "a date-time field";
      case BOOLEAN -> "a boolean field";
      case ENUM -> "an enum field";
    };
  }
}
