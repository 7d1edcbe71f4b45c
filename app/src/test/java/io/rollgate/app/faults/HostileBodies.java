package io.rollgate.app.faults;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Request bodies a careless or hostile client sends, as jqwik arbitraries: a valid body with fields
 * removed or replaced by values of the wrong kind, size or alphabet; unknown fields; other JSON
 * than an object; JSON cut short; and bytes that are not UTF-8.
 */
final class HostileBodies {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ODD_TEXT =
      "\u0000\u0007\u202e\ud83d\ude80\u00e9\"\\<script>'; DROP TABLE releases; --%s{}[]\n\t";

  private HostileBodies() {}

  /** Bodies for an endpoint that accepts {@code valid}. */
  static Arbitrary<byte[]> against(Map<String, Object> valid) {
    Arbitrary<Map<String, Object>> mutated = mutated(valid);
    Arbitrary<Map<String, Object>> withUnknownFields =
        Combinators.combine(mutated, Arbitraries.maps(text(), value(2)).ofMinSize(1).ofMaxSize(4))
            .as(
                (body, unknown) -> {
                  Map<String, Object> more = new LinkedHashMap<>(body);
                  more.putAll(unknown);
                  return more;
                });
    Arbitrary<byte[]> cutShort =
        Combinators.combine(mutated.map(HostileBodies::json), Arbitraries.doubles().between(0, 1))
            .as((json, share) -> Arrays.copyOf(json, (int) (json.length * share)));
    Arbitrary<byte[]> bytes =
        Combinators.combine(
                Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(200),
                Arbitraries.of(true, false))
            .as(
                (random, object) -> {
                  if (object) {
                    random[0] = '{';
                  }
                  return random;
                });
    return Arbitraries.frequencyOf(
        Tuple.of(2, mutated.map(HostileBodies::json)),
        Tuple.of(1, withUnknownFields.map(HostileBodies::json)),
        Tuple.of(1, value(3).map(HostileBodies::json)),
        Tuple.of(1, cutShort),
        Tuple.of(1, bytes));
  }

  /** One change to a field: removed, or given {@code value}. */
  private record Change(String field, boolean removed, Object value) {}

  private static Arbitrary<Map<String, Object>> mutated(Map<String, Object> valid) {
    List<String> fields = List.copyOf(valid.keySet());
    Arbitrary<Change> change =
        Combinators.combine(Arbitraries.of(fields), Arbitraries.integers().between(0, 3), value(2))
            .as((field, kind, value) -> new Change(field, kind == 0, value));
    return change
        .list()
        .ofMinSize(1)
        .ofMaxSize(Math.min(3, fields.size()))
        .map(
            changes -> {
              Map<String, Object> body = new LinkedHashMap<>(valid);
              for (Change c : changes) {
                if (c.removed()) {
                  body.remove(c.field());
                } else {
                  body.put(c.field(), c.value());
                }
              }
              return body;
            });
  }

  /** Any JSON value, nested up to {@code depth} levels. */
  private static Arbitrary<Object> value(int depth) {
    Arbitrary<Object> leaf =
        Arbitraries.frequencyOf(
                Tuple.of(1, Arbitraries.of(true, false).map(Object.class::cast)),
                Tuple.of(
                    1,
                    Arbitraries.of(Long.MAX_VALUE, Long.MIN_VALUE, -1L, 0L)
                        .map(Object.class::cast)),
                Tuple.of(1, Arbitraries.of(1e308, -0.0, 0.5, 1e-300).map(Object.class::cast)),
                Tuple.of(2, text().map(Object.class::cast)),
                Tuple.of(
                    1,
                    Combinators.combine(Arbitraries.integers(), Arbitraries.integers())
                        .as((days, seconds) -> (Object) ("P" + days + "DT" + seconds + "S"))))
            .injectNull(0.12);
    if (depth == 0) {
      return leaf;
    }
    Arbitrary<Object> inner = value(depth - 1);
    return Arbitraries.frequencyOf(
        Tuple.of(7, leaf),
        Tuple.of(1, inner.list().ofMaxSize(3).map(Object.class::cast)),
        Tuple.of(1, Arbitraries.maps(text(), inner).ofMaxSize(3).map(Object.class::cast)));
  }

  /** Short text of odd and printable characters, now and then thousands of them. */
  private static Arbitrary<String> text() {
    return Arbitraries.frequencyOf(
        Tuple.of(
            9, Arbitraries.strings().withChars(ODD_TEXT).withCharRange(' ', '~').ofMaxLength(40)),
        Tuple.of(
            1,
            Arbitraries.strings()
                .withChars(ODD_TEXT)
                .withCharRange(' ', '~')
                .ofMinLength(3000)
                .ofMaxLength(6000)));
  }

  private static byte[] json(Object value) {
    try {
      return JSON.writeValueAsString(value).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
