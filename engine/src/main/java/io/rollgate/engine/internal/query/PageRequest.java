package io.rollgate.engine.internal.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The {@code page} of a search request: offset paging ({@code from}) or cursor paging ({@code
 * after} or {@code before}), never both, each with a {@code limit}.
 *
 * @param from items to skip, 0 with a cursor
 * @param after a cursor, or null
 * @param before a cursor, or null
 */
record PageRequest(int limit, int from, String after, String before) {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 10_000;
  private static final List<String> PROPERTIES = List.of("from", "limit", "after", "before");

  static PageRequest parse(JsonNode page) {
    if (page == null || page.isNull() || page.isMissingNode()) {
      return new PageRequest(DEFAULT_LIMIT, 0, null, null);
    }
    if (!page.isObject()) {
      throw Operands.invalid("page", "an object {from | after | before, limit}", page);
    }
    for (Map.Entry<String, JsonNode> property : page.properties()) {
      if (!PROPERTIES.contains(property.getKey())) {
        throw new QueryException(
            "Unknown property '"
                + property.getKey()
                + "' at page; valid properties: "
                + String.join(", ", PROPERTIES));
      }
    }
    Integer limit = integer(page.get("limit"), "page.limit", 1, MAX_LIMIT);
    Integer from = integer(page.get("from"), "page.from", 0, Integer.MAX_VALUE);
    String after = cursor(page.get("after"), "page.after");
    String before = cursor(page.get("before"), "page.before");
    if (after != null && before != null) {
      throw new QueryException(
          "page.after and page.before cannot be combined: use after to page forwards and before to"
              + " page backwards");
    }
    if (from != null && (after != null || before != null)) {
      throw new QueryException(
          "page.from cannot be combined with page."
              + (after != null ? "after" : "before")
              + ": use either offset or cursor paging");
    }
    return new PageRequest(
        limit == null ? DEFAULT_LIMIT : limit, from == null ? 0 : from, after, before);
  }

  /** The cursor to resume from, or null for offset paging. */
  String cursor() {
    return after != null ? after : before;
  }

  String cursorPath() {
    return after != null ? "page.after" : "page.before";
  }

  private static Integer integer(JsonNode node, String path, int min, int max) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isIntegralNumber()
        || !node.canConvertToLong()
        || node.longValue() < min
        || node.longValue() > max) {
      String range =
          max == Integer.MAX_VALUE
              ? "a non-negative integer"
              : "an integer from " + min + " to " + max;
      throw Operands.invalid(path, range, node);
    }
    return node.intValue();
  }

  private static String cursor(JsonNode node, String path) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw Operands.invalid(path, "a cursor string from a previous response", node);
    }
    return node.textValue();
  }
}
