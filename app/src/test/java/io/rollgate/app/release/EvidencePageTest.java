package io.rollgate.app.release;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollgate.app.record.ReleaseRecord;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The plan on the evidence page reads as the release manager wrote it, not as Java map text. */
class EvidencePageTest {

  private static final Instant AT = Instant.parse("2026-12-07T10:00:00Z");

  @Test
  void cutoverStepsAreATableWithAColumnPerFieldAndWavesAList() {
    // given
    Map<String, Object> plan = new LinkedHashMap<>();
    plan.put(
        "cutoverSteps",
        List.of(
            Map.of("name", "migrate schema", "type", "ci", "workflow", "migrate.yml"),
            Map.of("name", "warm caches", "type", "manual")));
    plan.put("waves", List.of(10, 50, 100));
    plan.put("flagKey", "checkout-v2");
    plan.put("healthCheck", Map.of("query", "errors < 1%", "window", List.of("5m")));

    // when
    String html = EvidencePage.render(pack(plan), null);

    // then
    assertThat(html).contains("<h2>Plan</h2>");
    assertThat(html)
        .contains("<th>name</th>", "<th>type</th>", "<th>workflow</th>")
        .contains("<td>migrate schema</td>", "<td>migrate.yml</td>", "<td>warm caches</td>");
    assertThat(html).contains("<th>waves</th><td>10, 50, 100</td>");
    assertThat(html).contains("<th>flagKey</th><td>checkout-v2</td>");
    assertThat(html).contains("<td>errors &lt; 1%</td>", "<td>[&quot;5m&quot;]</td>");
    assertThat(html).doesNotContain("{name=", "name=migrate", "[10, 50, 100]");
  }

  @Test
  void aReleaseWithoutAPlanHasNoPlanSection() {
    assertThat(EvidencePage.render(pack(Map.of()), null)).doesNotContain("<h2>Plan</h2>");
  }

  private static EvidencePack pack(Map<String, Object> plan) {
    ReleaseRecord release =
        new ReleaseRecord(
            "rel-1",
            "shop",
            "1.2.3",
            "abc123",
            "production",
            "normal",
            "pipeline",
            "CHG0001",
            42L,
            "RELEASED",
            "released",
            100,
            List.of(),
            plan,
            AT,
            AT);
    return new EvidencePack(EvidencePack.FORMAT, release, List.of(), AT);
  }
}
