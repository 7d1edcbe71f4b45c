package io.rollgate.engine.internal.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A parsed {@code POST /v2/<entity>/search} request over entities of type {@code T}: a filter, a
 * sort and a page. Immutable and thread-safe; {@link #execute} may run concurrently.
 *
 * <p>The body is {@code {filter, sort: [{field, order}], page: {limit, from | after | before}}},
 * every part optional:
 *
 * <ul>
 *   <li>{@code filter} maps field names to a plain value (equality) or an operator object such as
 *       {@code {"$gte": "2024-01-01T00:00:00Z", "$lt": "2025-01-01T00:00:00Z"}}, whose operators
 *       are AND-ed (see {@link FieldType} for the operators of each type). JSON null, an empty
 *       {@code $in}/{@code $notIn} and an empty array for a custom field impose no constraint.
 *       {@code $eq} and {@code $in} never match a null value; {@code $neq} and {@code $notIn} do.
 *       {@code $like} takes {@code *} for any run and {@code ?} for one character. {@code $or},
 *       allowed only at the top, is an array of filter objects of which at least one must hold, in
 *       addition to the other top-level fields; an empty {@code $or} imposes nothing.
 *   <li>{@code sort} orders by the listed fields, {@code ASC} (the default) with nulls last or
 *       {@code DESC} with nulls first, and finally by the schema's key field ascending.
 *   <li>{@code page.limit} is 1 to 10,000, default 100. {@code from} skips items; {@code after} and
 *       {@code before} take the {@code endCursor}/{@code startCursor} of an earlier result of the
 *       same sort and return the items strictly after/before it.
 * </ul>
 *
 * @param <T> the entity type
 */
public final class SearchQuery<T> {
  private static final List<String> PROPERTIES = List.of("filter", "sort", "page");

  private final EntitySchema<T> schema;
  private final Predicate<T> predicate;
  private final Map<String, Object> equalities;
  private final Ordering<T> ordering;
  private final PageRequest page;
  private final Object[] cursor;

  private SearchQuery(
      EntitySchema<T> schema,
      FilterParser.Result<T> filter,
      Ordering<T> ordering,
      PageRequest page,
      Object[] cursor) {
    this.schema = schema;
    this.predicate = filter.predicate();
    this.equalities = filter.equalities();
    this.ordering = ordering;
    this.page = page;
    this.cursor = cursor;
  }

  /**
   * Parses and validates a search request body.
   *
   * @param body the request body; null, a missing or JSON null node and {@code {}} all mean "the
   *     first 100 of everything in key order"
   * @throws QueryException when the body is not a valid search request for {@code schema}: unknown
   *     property, filter field, operator or sort field; a value of the wrong type; an order other
   *     than ASC/DESC; a negative {@code from}; a {@code limit} outside 1..10,000; {@code after}
   *     with {@code before}; {@code from} with a cursor; a malformed cursor or one of another sort
   */
  public static <T> SearchQuery<T> parse(JsonNode body, EntitySchema<T> schema) {
    if (body == null || body.isNull() || body.isMissingNode()) {
      return parse(null, null, null, schema);
    }
    if (!body.isObject()) {
      throw new QueryException(
          "A search request must be a JSON object, got " + QueryException.show(body));
    }
    for (Map.Entry<String, JsonNode> property : body.properties()) {
      if (!PROPERTIES.contains(property.getKey())) {
        throw new QueryException(
            "Unknown property '"
                + property.getKey()
                + "' in the search request; valid properties: "
                + String.join(", ", PROPERTIES));
      }
    }
    return parse(body.get("filter"), body.get("sort"), body.get("page"), schema);
  }

  private static <T> SearchQuery<T> parse(
      JsonNode filter, JsonNode sort, JsonNode page, EntitySchema<T> schema) {
    FilterParser.Result<T> parsedFilter = FilterParser.parse(filter, schema);
    Ordering<T> ordering = Ordering.parse(sort, schema);
    PageRequest parsedPage = PageRequest.parse(page);
    Object[] cursor =
        parsedPage.cursor() == null
            ? null
            : CursorCodec.decode(parsedPage.cursor(), ordering, parsedPage.cursorPath());
    return new SearchQuery<>(schema, parsedFilter, ordering, parsedPage, cursor);
  }

  /** The filter: true for items that match, regardless of sort and page. */
  public Predicate<T> predicate() {
    return predicate;
  }

  /**
   * The requested order, completed by the key field ascending, so it is total over distinct keys.
   */
  public Comparator<T> comparator() {
    return ordering;
  }

  /**
   * The value the filter pins a field to with a top-level plain value or {@code $eq} (not inside
   * {@code $or}), so a caller can take candidates from an index on that field. The predicate still
   * checks the rest. Values are typed: {@link Long} for KEY and DATE (epoch millis), {@link
   * Integer} for INTEGER, {@link String} for STRING and ENUM, {@link Boolean} for BOOLEAN. Empty
   * when the field is not pinned, or when no value can equal it (a date with sub-millisecond
   * digits), in which case the predicate rejects every item anyway.
   *
   * @throws IllegalArgumentException when {@code field} is not a typed field of the schema
   */
  public Optional<Object> equalityOn(String field) {
    SchemaField<T> schemaField = schema.field(field);
    if (schemaField == null) {
      throw new IllegalArgumentException(
          "'" + field + "' is not a typed field of " + schema.entityName());
    }
    Object operand = equalities.get(field);
    return operand == null
        ? Optional.empty()
        : Optional.ofNullable(Operands.publicValue(schemaField.type, operand));
  }

  /**
   * Filters, sorts and pages the candidates in one pass, without sorting more than the page needs.
   * Candidates may be a superset of the matches (e.g. everything, or an index slice chosen with
   * {@link #equalityOn}); each must be non-null, and none may change during the call.
   *
   * @throws IllegalStateException when a getter of the schema returns a value its type does not
   *     allow (a programming error)
   */
  public SearchResult<T> execute(Iterable<? extends T> candidates) {
    return new Pager<>(predicate, ordering, page, cursor).run(candidates);
  }
}
