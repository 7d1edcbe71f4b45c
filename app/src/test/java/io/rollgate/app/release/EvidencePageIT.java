package io.rollgate.app.release;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rollgate.app.support.ReleaseRequests;
import io.rollgate.app.support.RunningService;
import io.rollgate.sandbox.launcher.Sandbox;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The evidence pack as a page for people: the same decisions and hashes as the JSON pack. */
class EvidencePageIT extends RunningService {

  private static final String HOSTILE = "https://ci.example/run/<script>alert(1)</script>";

  @Autowired private Sandbox sandbox;

  @Test
  void aFinishedReleasesPageShowsTheDecisionsAndHashesOfItsJsonPack() throws Exception {
    // given
    String pipeline = token("evidence-page-pipeline", "pipeline");
    Map<String, Object> body = ReleaseRequests.request("evidence-page", "9.0.0");
    body.put("commitSha", ReleaseRequests.greenCommit(sandbox));
    body.put("changeModel", "standard");
    body.put("pipelineUrl", HOSTILE);
    String id = startRelease(pipeline, body);
    awaitEnd(pipeline, id, Duration.ofMinutes(2));
    String path = "/api/v1/releases/" + id + "/evidence";

    String viewer = token("evidence-page-viewer", "viewer");

    // when
    Answer json = call("GET", path, pipeline, null, null);
    Answer page = call("GET", path, pipeline, null, null, Map.of("Accept", "text/html"));
    Answer viewersPage = call("GET", path, viewer, null, null, Map.of("Accept", "text/html"));

    // then
    assertThat(json.status()).isEqualTo(200);
    assertThat(json.header("Content-Type")).startsWith("application/json");
    assertThat(page.status()).as(page.body()).isEqualTo(200);
    assertThat(page.header("Content-Type")).startsWith("text/html").contains("UTF-8");
    String html = page.body();
    JsonNode entries = json.json().path("entries");
    assertThat(entries).isNotEmpty();
    assertThat(codes(html, "evidence-hash"))
        .containsExactlyElementsOf(values(entries, "evidenceHash"));
    assertThat(codes(html, "entry-hash")).containsExactlyElementsOf(values(entries, "entryHash"));
    for (JsonNode entry : entries) {
      assertThat(html).contains(entry.path("decision").asText(), entry.path("actor").asText());
    }
    assertThat(html).contains("RELEASED", "rollgate evidence get " + id + " --verify");
    assertThat(html).doesNotContain("<script").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    assertThat(html)
        .as("a pipeline may not check the decision log, so its page has no chain check")
        .doesNotContain("chain check", "Intact");
    assertThat(viewersPage.body())
        .as("a viewer's page checks this release's entries, not the whole log")
        .contains(
            "Decision log chain check", "Intact for this release: " + entries.size() + " entries");
  }

  @Test
  void thePageNeedsAToken() {
    // when
    Answer page =
        call(
            "GET",
            "/api/v1/releases/rel-unknown/evidence",
            null,
            null,
            null,
            Map.of("Accept", "text/html"));

    // then
    assertThat(page.status()).isEqualTo(401);
    assertThat(page.refusedBySecurity()).isTrue();
  }

  private static List<String> codes(String html, String cssClass) {
    Matcher m = Pattern.compile("<code class=\"" + cssClass + "\">([^<]*)</code>").matcher(html);
    List<String> found = new ArrayList<>();
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  private static List<String> values(JsonNode entries, String field) {
    List<String> found = new ArrayList<>();
    entries.forEach(e -> found.add(e.path(field).asText()));
    return found;
  }
}
