package io.rollgate.connector.ci.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rollgate.connector.Secret;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProtectionRuleWebhookTest {

  // Shaped like GitHub's documented deployment_protection_rule "requested" delivery.
  private static final byte[] BODY =
      ("{\"action\":\"requested\",\"environment\":\"production\",\"event\":\"push\","
              + "\"sha\":\"6dcb09b5b57875f334f61aebed695e2e4193db5e\",\"ref\":\"refs/heads/main\","
              + "\"deployment_callback_url\":\"https://api.github.com/repos/octo-org/octo-repo/"
              + "actions/runs/1234/deployment_protection_rule\","
              + "\"repository\":{\"id\":1296269,\"full_name\":\"octo-org/octo-repo\"},"
              + "\"installation\":{\"id\":5678,\"node_id\":\"MDIzOkluc3RhbGxhdGlvbjU2Nzg=\"},"
              + "\"sender\":{\"login\":\"octocat\",\"id\":1}}")
          .getBytes(StandardCharsets.UTF_8);

  private final ProtectionRuleWebhook webhook = new ProtectionRuleWebhook(Secret.of("s3cret"));

  @Test
  void acceptsADeliverySignedWithTheWebhookSecretAndNamesTheRun() {
    // given GitHub's signature of the body
    String signature = webhook.sign(BODY);
    // when
    ProtectionRuleEvent event = webhook.parse(BODY, signature);
    // then
    assertThat(signature).startsWith("sha256=").hasSize(7 + 64);
    assertThat(event.action()).isEqualTo("requested");
    assertThat(event.environment()).isEqualTo("production");
    assertThat(event.owner()).isEqualTo("octo-org");
    assertThat(event.repo()).isEqualTo("octo-repo");
    assertThat(event.runId()).isEqualTo(1234L);
    assertThat(event.sha()).isEqualTo("6dcb09b5b57875f334f61aebed695e2e4193db5e");
    assertThat(event.installationId()).isEqualTo(5678L);
  }

  @Test
  void knownHmacVectorMatches() {
    // given GitHub's documented example: secret "It's a Secret to Everybody", body "Hello, World!"
    ProtectionRuleWebhook documented =
        new ProtectionRuleWebhook(Secret.of("It's a Secret to Everybody"));
    // when
    String signature = documented.sign("Hello, World!".getBytes(StandardCharsets.UTF_8));
    // then
    assertThat(signature)
        .isEqualTo("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
  }

  @Test
  void rejectsADeliverySignedWithAnotherSecret() {
    // given
    String forged = new ProtectionRuleWebhook(Secret.of("other")).sign(BODY);
    // when / then
    assertThatThrownBy(() -> webhook.parse(BODY, forged))
        .isInstanceOfSatisfying(
            InvalidWebhookException.class, e -> assertThat(e.signatureProblem()).isTrue());
  }

  @Test
  void rejectsADeliveryWhoseBodyWasChangedAfterSigning() {
    // given
    String signature = webhook.sign(BODY);
    byte[] tampered =
        new String(BODY, StandardCharsets.UTF_8)
            .replace("1234", "9999")
            .getBytes(StandardCharsets.UTF_8);
    // when / then
    assertThatThrownBy(() -> webhook.parse(tampered, signature))
        .isInstanceOf(InvalidWebhookException.class)
        .hasMessageContaining("does not match");
  }

  @Test
  void rejectsAnUnsignedDelivery() {
    assertThatThrownBy(() -> webhook.parse(BODY, null))
        .isInstanceOf(InvalidWebhookException.class)
        .hasMessageContaining("missing");
  }

  @Test
  void rejectsASignedBodyWithoutACallbackUrl() {
    // given
    byte[] body = "{\"action\":\"requested\"}".getBytes(StandardCharsets.UTF_8);
    // when / then
    assertThatThrownBy(() -> webhook.parse(body, webhook.sign(body)))
        .isInstanceOfSatisfying(
            InvalidWebhookException.class, e -> assertThat(e.signatureProblem()).isFalse());
  }
}
