package io.rollgate.engine.internal.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Describes how one kind of entity (process instance, job, variable, ...) can be searched: its
 * typed fields with their getters, which of them may be sorted on, the key field that breaks ties
 * and anchors cursors, filter fields with a custom JSON shape, and fields the client may send but
 * that are ignored. Immutable and thread-safe once built; build one per entity type and reuse it.
 *
 * <pre>{@code
 * EntitySchema<ProcessInstance> schema =
 *     EntitySchema.<ProcessInstance>builder("process instance")
 *         .key("processInstanceKey", p -> p.key)
 *         .field("processDefinitionId", FieldType.STRING, p -> p.processId)
 *         .field("state", FieldType.ENUM, p -> p.state)
 *         .field("startDate", FieldType.DATE, p -> p.startDate)
 *         .custom("variables", json -> variablesPredicate(json))
 *         .ignored("tags")
 *         .build();
 * }</pre>
 *
 * @param <T> the Java type of the entity
 */
public final class EntitySchema<T> {
  private final String entityName;
  private final Map<String, SchemaField<T>> fields;
  private final Map<String, Function<JsonNode, ? extends Predicate<? super T>>> customFields;
  private final Set<String> ignoredFields;
  private final SchemaField<T> key;

  private EntitySchema(Builder<T> builder, Map<String, SchemaField<T>> fields) {
    this.entityName = builder.entityName;
    this.fields = Collections.unmodifiableMap(fields);
    this.customFields = Collections.unmodifiableMap(new LinkedHashMap<>(builder.customFields));
    this.ignoredFields = Collections.unmodifiableSet(new LinkedHashSet<>(builder.ignoredFields));
    this.key = fields.get(builder.keyField);
  }

  /**
   * Starts a schema.
   *
   * @param entityName the entity as a reader would name it, e.g. {@code "process instance"}; used
   *     in error messages
   */
  public static <T> Builder<T> builder(String entityName) {
    return new Builder<>(entityName);
  }

  /** The human name of the entity, e.g. {@code "process instance"}. */
  public String entityName() {
    return entityName;
  }

  /** The name of the key field: the tie-breaker of every sort and the anchor of cursors. */
  public String keyField() {
    return key.name;
  }

  /** The type of a typed field, or empty for custom, ignored and unknown names. */
  public Optional<FieldType> fieldType(String name) {
    SchemaField<T> field = fields.get(name);
    return field == null ? Optional.empty() : Optional.of(field.type);
  }

  /** Every name a filter may use: typed fields, custom fields and ignored fields, in that order. */
  public List<String> filterFields() {
    List<String> names = new ArrayList<>(fields.keySet());
    names.addAll(customFields.keySet());
    names.addAll(ignoredFields);
    return Collections.unmodifiableList(names);
  }

  /** The names a request may sort on, in declaration order. */
  public List<String> sortFields() {
    return fields.values().stream().filter(f -> f.sortable).map(f -> f.name).toList();
  }

  SchemaField<T> field(String name) {
    return fields.get(name);
  }

  SchemaField<T> key() {
    return key;
  }

  Function<JsonNode, ? extends Predicate<? super T>> customField(String name) {
    return customFields.get(name);
  }

  boolean isIgnored(String name) {
    return ignoredFields.contains(name);
  }

  /**
   * Collects the fields of an {@link EntitySchema}. Misuse (a duplicate or blank name, a missing
   * key, an unknown name in {@link #sortableOnly}) throws {@link IllegalArgumentException} or
   * {@link IllegalStateException}: these are programming errors, never client errors.
   *
   * @param <T> the Java type of the entity
   */
  public static final class Builder<T> {
    private final String entityName;
    private final Map<String, SchemaField<T>> fields = new LinkedHashMap<>();
    private final Map<String, Function<JsonNode, ? extends Predicate<? super T>>> customFields =
        new LinkedHashMap<>();
    private final Set<String> ignoredFields = new LinkedHashSet<>();
    private Set<String> sortableOnly;
    private String keyField;

    private Builder(String entityName) {
      if (entityName == null || entityName.isBlank()) {
        throw new IllegalArgumentException("entity name must not be blank");
      }
      this.entityName = entityName;
    }

    /**
     * Adds a typed field that can be filtered on and (unless {@link #sortableOnly} says otherwise)
     * sorted on.
     *
     * @param getter reads the field; must return what {@link FieldType} documents for the type, or
     *     null
     */
    public Builder<T> field(String name, FieldType type, Function<? super T, ?> getter) {
      Objects.requireNonNull(type, "type");
      return add(new SchemaField<>(checkName(name), type, getter(getter), true, null));
    }

    /**
     * Adds an {@link FieldType#ENUM} field whose filter values must name a constant of {@code
     * values}; any other value is rejected with a {@link QueryException} listing the constants.
     */
    public <E extends Enum<E>> Builder<T> enumField(
        String name, Class<E> values, Function<? super T, ?> getter) {
      Set<String> allowed = new LinkedHashSet<>();
      for (E constant : values.getEnumConstants()) {
        allowed.add(constant.name());
      }
      return add(
          new SchemaField<>(
              checkName(name),
              FieldType.ENUM,
              getter(getter),
              true,
              Collections.unmodifiableSet(allowed)));
    }

    /** Adds a {@link FieldType#KEY} field and makes it the key field. */
    public Builder<T> key(String name, Function<? super T, ?> getter) {
      field(name, FieldType.KEY, getter);
      return keyField(name);
    }

    /**
     * Makes an already added field, of any type, the key field: the last sort criterion (ascending)
     * of every request and the anchor of cursors. Its values must be unique and non-null.
     */
    public Builder<T> keyField(String name) {
      if (!fields.containsKey(name)) {
        throw new IllegalArgumentException("key field '" + name + "' is not a declared field");
      }
      keyField = name;
      return this;
    }

    /**
     * Adds a group of fields that several entities share, declared once, e.g. where an entity
     * happened.
     */
    public Builder<T> with(UnaryOperator<Builder<T>> fields) {
      return fields.apply(this);
    }

    /** Restricts sorting to the named fields; by default every typed field is sortable. */
    public Builder<T> sortableOnly(String... names) {
      sortableOnly = new LinkedHashSet<>(Arrays.asList(names));
      return this;
    }

    /**
     * Adds a filter field with its own JSON shape, e.g. {@code variables: [{name, value}]}.
     *
     * @param parser turns the field's JSON value into the condition an item must meet; it is not
     *     called for JSON null or an empty array, which mean "no constraint"; it may return null
     *     for "no constraint" and throws {@link QueryException} (or {@link
     *     IllegalArgumentException}) for a malformed value
     */
    public Builder<T> custom(
        String name, Function<JsonNode, ? extends Predicate<? super T>> parser) {
      checkName(name);
      customFields.put(name, Objects.requireNonNull(parser, "parser"));
      return this;
    }

    /**
     * Accepts filter fields with any value and ignores them, e.g. the {@code tags: []} clients
     * send.
     */
    public Builder<T> ignored(String... names) {
      for (String name : names) {
        ignoredFields.add(checkName(name));
      }
      return this;
    }

    /**
     * Builds the schema.
     *
     * @throws IllegalStateException when no key field was declared
     * @throws IllegalArgumentException when {@link #sortableOnly} names an undeclared field
     */
    public EntitySchema<T> build() {
      if (keyField == null) {
        throw new IllegalStateException(
            "schema of " + entityName + " has no key field: call key(...) or keyField(...)");
      }
      Map<String, SchemaField<T>> built = new LinkedHashMap<>();
      if (sortableOnly != null) {
        for (String name : sortableOnly) {
          if (!fields.containsKey(name)) {
            throw new IllegalArgumentException(
                "sortable field '" + name + "' is not a declared field of " + entityName);
          }
        }
      }
      fields.forEach(
          (name, field) ->
              built.put(
                  name, field.withSortable(sortableOnly == null || sortableOnly.contains(name))));
      return new EntitySchema<>(this, built);
    }

    private Builder<T> add(SchemaField<T> field) {
      fields.put(field.name, field);
      return this;
    }

    private static <T> Function<? super T, ?> getter(Function<? super T, ?> getter) {
      return Objects.requireNonNull(getter, "getter");
    }

    private String checkName(String name) {
      if (name == null || name.isBlank() || name.startsWith("$")) {
        throw new IllegalArgumentException("invalid field name: " + name);
      }
      if (fields.containsKey(name)
          || customFields.containsKey(name)
          || ignoredFields.contains(name)) {
        throw new IllegalArgumentException("field '" + name + "' is declared twice");
      }
      return name;
    }
  }
}
