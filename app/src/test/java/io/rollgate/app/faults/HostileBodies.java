package io.rollgate.app.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Request bodies a careless or hostile client sends, drawn from a seeded {@link Random} so that a
 * failing case is replayed by its seed: a valid body with fields removed or replaced by values of
 * the wrong kind, size or alphabet; unknown fields; other JSON than an object; JSON cut short; and
 * bytes that are not UTF-8.
 */
final class HostileBodies {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ODD_TEXT =
      "\u0000\u0007\u202e\ud83d\ude80\u00e9\"\\<script>'; DROP TABLE releases; --%s{}[]\n\t";

  private final Random random;

  HostileBodies(long seed) {
    this.random = new Random(seed);
  }

  /**
   * @param valid a body the endpoint accepts, whose fields are mutated
   */
  byte[] next(Map<String, Object> valid) {
    return switch (random.nextInt(6)) {
      case 0, 1 -> json(mutated(valid));
      case 2 -> json(withUnknownFields(mutated(valid)));
      case 3 -> json(value(3));
      case 4 -> cutShort(json(mutated(valid)));
      default -> bytes();
    };
  }

  private Map<String, Object> mutated(Map<String, Object> valid) {
    Map<String, Object> body = new LinkedHashMap<>(valid);
    List<String> fields = new ArrayList<>(valid.keySet());
    int changes = 1 + random.nextInt(Math.min(3, fields.size()));
    for (int i = 0; i < changes; i++) {
      String field = fields.get(random.nextInt(fields.size()));
      if (random.nextInt(4) == 0) {
        body.remove(field);
      } else {
        body.put(field, value(2));
      }
    }
    return body;
  }

  private Map<String, Object> withUnknownFields(Map<String, Object> body) {
    Map<String, Object> more = new LinkedHashMap<>(body);
    for (int i = random.nextInt(4); i >= 0; i--) {
      more.put(text(), value(2));
    }
    return more;
  }

  /** Any JSON value, nested up to {@code depth} levels. */
  private Object value(int depth) {
    int kinds = depth > 0 ? 9 : 7;
    return switch (random.nextInt(kinds)) {
      case 0 -> null;
      case 1 -> random.nextBoolean();
      case 2 -> List.of(Long.MAX_VALUE, Long.MIN_VALUE, -1L, 0L).get(random.nextInt(4));
      case 3 -> List.of(1e308, -0.0, 0.5, 1e-300).get(random.nextInt(4));
      case 4, 5 -> text();
      case 6 -> "P" + random.nextInt() + "DT" + random.nextInt() + "S";
      case 7 -> {
        List<Object> list = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
          list.add(value(depth - 1));
        }
        yield list;
      }
      default -> {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = random.nextInt(4); i > 0; i--) {
          map.put(text(), value(depth - 1));
        }
        yield map;
      }
    };
  }

  private String text() {
    int length = random.nextInt(10) == 0 ? 3000 + random.nextInt(3000) : random.nextInt(40);
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(
          random.nextBoolean()
              ? ODD_TEXT.charAt(random.nextInt(ODD_TEXT.length()))
              : (char) (' ' + random.nextInt(95)));
    }
    return text.toString();
  }

  private byte[] cutShort(byte[] json) {
    return java.util.Arrays.copyOf(json, random.nextInt(Math.max(1, json.length)));
  }

  private byte[] bytes() {
    byte[] bytes = new byte[1 + random.nextInt(200)];
    random.nextBytes(bytes);
    if (random.nextBoolean()) {
      bytes[0] = '{';
    }
    return bytes;
  }

  private static byte[] json(Object value) {
    try {
      return JSON.writeValueAsString(value).getBytes(StandardCharsets.UTF_8);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
