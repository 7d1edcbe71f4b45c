package io.rollgate.app.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pins the hashed forms. Every stored chain was hashed in them: if this test fails, the change
 * would make every existing decision log fail verification.
 */
class EntryHashFormatTest {

  @Test
  void hashesEvidenceAsItAlwaysHas() {
    // given
    Map<String, Object> inputs = new LinkedHashMap<>();
    inputs.put("readiness", Map.of("verdict", "GO", "reasons", List.of("CI green")));
    inputs.put("openIncidents", 0);
    inputs.put("ciGreen", true);

    // when
    String evidence = CanonicalJson.of(inputs);

    // then
    assertThat(evidence)
        .isEqualTo(
            "{\"ciGreen\":true,\"openIncidents\":0,"
                + "\"readiness\":{\"reasons\":[\"CI green\"],\"verdict\":\"GO\"}}");
    assertThat(CanonicalJson.sha256(evidence))
        .isEqualTo("b9f140b372407ec569f64104111c05222afe6b837366602208176418380e04bc");
  }

  @Test
  void hashesEntriesAsItAlwaysHas() {
    // when
    String hash =
        DecisionLog.entryHash(
            7,
            "rel-01hx3k9d2r0000000000000000",
            "go-no-go",
            "GO",
            "rm-alice",
            "risk accepted: the incident is in another region",
            "a".repeat(64),
            "b".repeat(64),
            Instant.parse("2026-03-02T10:15:30.123456Z"));

    // then
    assertThat(hash).isEqualTo("c986a7e5bfe023c1520e930e41af7b5eeb303e274cd0631730cf82d39f033f86");
  }
}
