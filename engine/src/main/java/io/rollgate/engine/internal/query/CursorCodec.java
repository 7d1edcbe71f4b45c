package io.rollgate.engine.internal.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Encodes a position of an {@link Ordering} as an opaque cursor: URL-safe base64, without padding,
 * of a JSON object from sort field name to value, the key field last. The names travel with the
 * values so that a cursor from a differently sorted search is rejected rather than misread.
 */
final class CursorCodec {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private CursorCodec() {}

  static String encode(Ordering<?> ordering, Object[] position) {
    ObjectNode json = MAPPER.createObjectNode();
    for (int i = 0; i < position.length; i++) {
      String name = ordering.field(i).name;
      Object value = position[i];
      if (value == null) {
        json.putNull(name);
      } else if (value instanceof Long number) {
        json.put(name, number);
      } else if (value instanceof Boolean bool) {
        json.put(name, bool);
      } else {
        json.put(name, (String) value);
      }
    }
    byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /**
   * The position a cursor denotes.
   *
   * @throws QueryException when the cursor is not one this codec made for the same sort fields
   */
  static Object[] decode(String cursor, Ordering<?> ordering, String path) {
    JsonNode json;
    try {
      json = MAPPER.readTree(Base64.getUrlDecoder().decode(cursor));
    } catch (IllegalArgumentException | IOException e) {
      throw malformed(cursor, path);
    }
    if (json == null || !json.isObject()) {
      throw malformed(cursor, path);
    }
    List<String> names = new ArrayList<>();
    json.properties().forEach(property -> names.add(property.getKey()));
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < ordering.size(); i++) {
      expected.add(ordering.field(i).name);
    }
    if (!names.equals(expected)) {
      throw new QueryException(
          "The cursor at "
              + path
              + " belongs to a search sorted by "
              + String.join(", ", names)
              + ", but this search sorts by "
              + String.join(", ", expected)
              + "; use the same sort as the request that returned the cursor");
    }
    Object[] position = new Object[expected.size()];
    for (int i = 0; i < position.length; i++) {
      position[i] = value(ordering.field(i).type, json.get(expected.get(i)), cursor, path);
    }
    return position;
  }

  private static Object value(FieldType type, JsonNode node, String cursor, String path) {
    if (node.isNull()) {
      return null;
    }
    boolean valid =
        switch (type) {
          case KEY, INTEGER, DATE -> node.isIntegralNumber() && node.canConvertToLong();
          case STRING, ENUM -> node.isTextual();
          case BOOLEAN -> node.isBoolean();
        };
    if (!valid) {
      throw malformed(cursor, path);
    }
    return switch (type) {
      case KEY, INTEGER, DATE -> node.longValue();
      case STRING, ENUM -> node.textValue();
      case BOOLEAN -> node.booleanValue();
    };
  }

  private static QueryException malformed(String cursor, String path) {
    return new QueryException(
        "Malformed cursor at "
            + path
            + ": "
            + QueryException.show("\"" + cursor + "\"")
            + "; pass a startCursor or endCursor exactly as a previous response returned it");
  }
}
