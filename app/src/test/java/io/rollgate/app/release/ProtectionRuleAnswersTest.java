package io.rollgate.app.release;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollgate.app.record.GateVerdict;
import io.rollgate.app.record.ReleaseRecord;
import io.rollgate.connector.ci.github.ProtectionRuleEvent;
import io.rollgate.connector.ci.github.ProtectionRuleReview.Decision;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What GitHub is told about a protected deployment, and how its request names the release. */
class ProtectionRuleAnswersTest {

  private static final String LINK = "https://rollgate.example.com/api/v1/releases/rel-1";

  private static ReleaseRecord release(String state, Instant endedAt, List<GateVerdict> gates) {
    return new ReleaseRecord(
        "rel-1",
        "checkout",
        "1.4.2",
        "0123456789abcdef0123456789abcdef01234567",
        "production",
        "normal",
        "github:acme/shop",
        null,
        1L,
        state,
        endedAt == null ? null : "the release " + state.toLowerCase(),
        0,
        gates,
        Map.of(),
        Instant.EPOCH,
        endedAt);
  }

  private static GateVerdict gate(String gate, String verdict) {
    return new GateVerdict(gate, verdict, "rm", "checked the dashboards", "h", Instant.EPOCH);
  }

  @Test
  void aGoNoGoDecidesTheAnswerBeforeTheReleaseEnds() {
    // when
    var go =
        ProtectionRuleAnswers.answerFor(
            release(
                "RUNNING",
                null,
                List.of(gate("readiness", "GO_WITH_RISK"), gate("go-no-go", "GO"))),
            LINK);
    var noGo =
        ProtectionRuleAnswers.answerFor(
            release("RUNNING", null, List.of(gate("go-no-go", "NO_GO"))), LINK);

    // then
    assertThat(go)
        .get()
        .extracting(ProtectionRuleAnswers.Answer::decision)
        .isEqualTo(Decision.APPROVED);
    assertThat(go.get().comment()).contains("GO").contains("checked the dashboards").contains(LINK);
    assertThat(noGo)
        .get()
        .extracting(ProtectionRuleAnswers.Answer::decision)
        .isEqualTo(Decision.REJECTED);
  }

  @Test
  void withoutAGoNoGoTheOutcomeDecidesAndARunningReleaseHasNoAnswerYet() {
    // when
    var running =
        ProtectionRuleAnswers.answerFor(
            release("RUNNING", null, List.of(gate("readiness", "GO"))), LINK);
    var released =
        ProtectionRuleAnswers.answerFor(release("RELEASED", Instant.now(), List.of()), LINK);
    var rolledBack =
        ProtectionRuleAnswers.answerFor(release("ROLLED_BACK", Instant.now(), List.of()), LINK);

    // then
    assertThat(running).isEmpty();
    assertThat(released.get().decision()).isEqualTo(Decision.APPROVED);
    assertThat(rolledBack.get().decision()).isEqualTo(Decision.REJECTED);
    assertThat(rolledBack.get().comment()).contains("ROLLED_BACK").contains(LINK);
  }

  @Test
  void aTagIsTheVersionAndGitHubsEnvironmentNameIsSpelledAsRollgateSpellsEnvironments() {
    // given
    String sha = "0123456789abcdef0123456789abcdef01234567";

    // when / then
    assertThat(GitHubProtectionRuleWebhook.version(event("refs/tags/v1.4.2", sha)))
        .isEqualTo("v1.4.2");
    assertThat(GitHubProtectionRuleWebhook.version(event("refs/heads/main", sha)))
        .isEqualTo("0123456789ab");
    assertThat(GitHubProtectionRuleWebhook.environment("Production EU")).isEqualTo("production-eu");
    assertThat(GitHubProtectionRuleWebhook.environment("staging")).isEqualTo("staging");
  }

  private static ProtectionRuleEvent event(String ref, String sha) {
    return new ProtectionRuleEvent(
        "requested", "production", "push", sha, ref, "https://x/", "acme", "shop", 1, 0);
  }
}
