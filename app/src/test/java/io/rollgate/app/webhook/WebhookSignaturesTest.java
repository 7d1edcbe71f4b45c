package io.rollgate.app.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollgate.connector.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class WebhookSignaturesTest {

  private static final byte[] BODY =
      "{\"number\":\"CHG0030001\",\"approval\":\"approved\"}".getBytes(StandardCharsets.UTF_8);
  private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

  private final WebhookSignatures signatures = signatures("a-shared-secret-of-cab", NOW);

  private static WebhookSignatures signatures(String secret, Instant now) {
    return new WebhookSignatures(
        new WebhookSecret(Secret.of(secret), false),
        Duration.ofMinutes(5),
        Clock.fixed(now, ZoneOffset.UTC));
  }

  private static String seconds(Instant at) {
    return String.valueOf(at.getEpochSecond());
  }

  @Test
  void acceptsACallSignedWithTheSharedSecret() {
    // given
    String timestamp = seconds(NOW.minusSeconds(3));
    String signature = signatures.sign(timestamp, BODY);

    // when
    var verdict = signatures.verify(timestamp, signature, BODY);

    // then
    assertThat(verdict).isInstanceOf(WebhookSignatures.Accepted.class);
    assertThat(signature).matches("sha256=[0-9a-f]{64}");
  }

  @Test
  void refusesACallSignedWithAnotherSecretOrForAnotherBody() {
    // given
    String timestamp = seconds(NOW);
    String forged = signatures("someone-elses-secret", NOW).sign(timestamp, BODY);
    String forOtherBody = signatures.sign(timestamp, "{}".getBytes(StandardCharsets.UTF_8));

    // when / then
    assertThat(signatures.verify(timestamp, forged, BODY))
        .isEqualTo(
            new WebhookSignatures.Refused("the signature does not match the body and timestamp"));
    assertThat(signatures.verify(timestamp, forOtherBody, BODY))
        .isInstanceOf(WebhookSignatures.Refused.class);
  }

  @Test
  void refusesAnUnsignedOrMalformedCall() {
    // when / then
    assertThat(signatures.verify(null, null, BODY)).isInstanceOf(WebhookSignatures.Refused.class);
    assertThat(signatures.verify(seconds(NOW), "md5=abc", BODY))
        .isInstanceOf(WebhookSignatures.Refused.class);
    assertThat(signatures.verify("yesterday", signatures.sign("yesterday", BODY), BODY))
        .isInstanceOf(WebhookSignatures.Refused.class);
  }

  @Test
  void refusesATimestampOutsideTheReplayWindowEitherWay() {
    // given
    String stale = seconds(NOW.minus(Duration.ofMinutes(6)));
    String future = seconds(NOW.plus(Duration.ofMinutes(6)));

    // when / then
    assertThat(signatures.verify(stale, signatures.sign(stale, BODY), BODY))
        .isInstanceOfSatisfying(
            WebhookSignatures.Refused.class,
            r -> assertThat(r.reason()).contains("300 s from Rollgate's clock"));
    assertThat(signatures.verify(future, signatures.sign(future, BODY), BODY))
        .isInstanceOf(WebhookSignatures.Refused.class);
  }

  @Test
  void refusesTheSameSignatureTwiceWithinTheWindow() {
    // given
    String timestamp = seconds(NOW);
    String signature = signatures.sign(timestamp, BODY);
    assertThat(signatures.verify(timestamp, signature, BODY))
        .isInstanceOf(WebhookSignatures.Accepted.class);

    // when a replay, even with the hex in upper case
    var replay = signatures.verify(timestamp, signature.toUpperCase().replace("SHA", "sha"), BODY);

    // then
    assertThat(replay)
        .isEqualTo(
            new WebhookSignatures.Refused(
                "this signature was already used; sign each call afresh"));
  }

  @Test
  void acceptsTheSameSignatureAgainWhenTheFirstCallCouldNotBeActedOn() {
    // given
    String timestamp = seconds(NOW);
    String signature = signatures.sign(timestamp, BODY);
    var first = (WebhookSignatures.Accepted) signatures.verify(timestamp, signature, BODY);

    // when
    signatures.release(first);

    // then
    assertThat(signatures.verify(timestamp, signature, BODY))
        .isInstanceOf(WebhookSignatures.Accepted.class);
  }
}
