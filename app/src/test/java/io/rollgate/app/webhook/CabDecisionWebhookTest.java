package io.rollgate.app.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CabDecisionWebhookTest {

  // Calls that are refused or ignored never reach the engine, so no client is needed.
  private final CabDecisionWebhook webhook = new CabDecisionWebhook(null, Duration.ofMinutes(1));

  private CabDecisionWebhook.Outcome call(String body) {
    return webhook.handle(body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void refusesABodyThatIsNotJsonOrNamesNoChange() {
    assertThat(call("approved"))
        .isEqualTo(new CabDecisionWebhook.Outcome(400, "the body is not JSON"));
    assertThat(call("{\"approval\":\"approved\"}"))
        .isEqualTo(new CabDecisionWebhook.Outcome(400, "'number' (the change number) is required"));
  }

  @Test
  void acknowledgesAnApprovalThatIsNotYetADecision() {
    assertThat(call("{\"number\":\"CHG0030001\",\"approval\":\"requested\"}"))
        .isEqualTo(
            new CabDecisionWebhook.Outcome(
                202, "approval 'requested' is not a decision; nothing to do"));
  }
}
