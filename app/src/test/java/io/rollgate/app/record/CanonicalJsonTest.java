package io.rollgate.app.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

  @Test
  void writesTheSameTextWhateverOrderMapsWereBuiltIn() {
    // given
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("verdict", "GO");
    inner.put("reasons", List.of("CI green", "no incidents"));
    Map<String, Object> one = new LinkedHashMap<>();
    one.put("readiness", inner);
    one.put("ciGreen", true);
    Map<String, Object> innerReversed = new LinkedHashMap<>();
    innerReversed.put("reasons", List.of("CI green", "no incidents"));
    innerReversed.put("verdict", "GO");
    Map<String, Object> other = new LinkedHashMap<>();
    other.put("ciGreen", true);
    other.put("readiness", innerReversed);

    // when
    String a = CanonicalJson.of(one);
    String b = CanonicalJson.of(other);

    // then
    assertThat(a)
        .isEqualTo(b)
        .isEqualTo(
            "{\"ciGreen\":true,\"readiness\":{\"reasons\":[\"CI green\",\"no incidents\"],"
                + "\"verdict\":\"GO\"}}");
    assertThat(CanonicalJson.sha256(a)).isEqualTo(CanonicalJson.sha256(b));
  }

  @Test
  void keepsTheOrderOfListsBecauseItMeansSomething() {
    // when / then
    assertThat(CanonicalJson.of(List.of(100, 1, 10))).isEqualTo("[100,1,10]");
    assertThat(CanonicalJson.of(List.of(1, 10, 100)))
        .isNotEqualTo(CanonicalJson.of(List.of(100, 1, 10)));
  }

  @Test
  void writesInstantsAsIsoTextAndNumbersPlainly() {
    // given
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("at", Instant.parse("2026-03-02T10:00:00.123456Z"));
    value.put("wave", 10);
    value.put("ratio", 0.5);
    value.put("budget", new BigDecimal("1E+3"));
    value.put("none", null);

    // when
    String json = CanonicalJson.of(value);

    // then
    assertThat(json)
        .isEqualTo(
            "{\"at\":\"2026-03-02T10:00:00.123456Z\",\"budget\":1000,\"none\":null,"
                + "\"ratio\":0.5,\"wave\":10}");
  }

  @Test
  void sortsTheFieldsOfRecordsToo() {
    // given
    record Seen(String zone, int attempts) {}

    // when / then
    assertThat(CanonicalJson.of(Map.of("seen", new Seen("eu", 2))))
        .isEqualTo("{\"seen\":{\"attempts\":2,\"zone\":\"eu\"}}");
  }

  @Test
  void hashesWithSha256InLowercaseHex() {
    // when / then
    assertThat(CanonicalJson.sha256("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }
}
