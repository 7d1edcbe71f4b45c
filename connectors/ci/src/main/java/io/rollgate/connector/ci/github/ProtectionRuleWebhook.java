package io.rollgate.connector.ci.github;

import com.fasterxml.jackson.databind.JsonNode;
import io.rollgate.connector.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Reads {@code deployment_protection_rule} webhook deliveries: checks {@code X-Hub-Signature-256}
 * (HMAC-SHA256 of the raw body under the webhook secret, compared in constant time) before looking
 * at the body. Thread-safe.
 */
public final class ProtectionRuleWebhook {

  private static final String PREFIX = "sha256=";
  private static final Pattern CALLBACK =
      Pattern.compile("/repos/([^/]+)/([^/]+)/actions/runs/(\\d+)/deployment_protection_rule/?$");

  private final Secret secret;

  /**
   * @param secret the webhook secret configured on the GitHub App or repository hook
   */
  public ProtectionRuleWebhook(Secret secret) {
    this.secret = Objects.requireNonNull(secret, "secret");
  }

  /**
   * Verifies and parses one delivery.
   *
   * @param body the raw request body, exactly as received
   * @param signature the {@code X-Hub-Signature-256} header, {@code null} when absent
   * @throws InvalidWebhookException when the signature does not match or the body is not a
   *     deployment protection rule request with a callback URL
   */
  public ProtectionRuleEvent parse(byte[] body, String signature) {
    verify(body, signature);
    JsonNode root;
    try {
      root = GitHubClient.JSON.readTree(body);
    } catch (IOException e) {
      throw new InvalidWebhookException("the body is not JSON", false);
    }
    String callback = root.path("deployment_callback_url").asText("");
    Matcher m = CALLBACK.matcher(callback);
    if (!m.find()) {
      throw new InvalidWebhookException(
          "deployment_callback_url is missing or not a protection rule callback: '"
              + callback
              + "'",
          false);
    }
    return new ProtectionRuleEvent(
        root.path("action").asText(""),
        root.path("environment").asText(""),
        root.path("event").asText(""),
        root.path("sha").asText(""),
        root.path("ref").asText(""),
        callback,
        m.group(1),
        m.group(2),
        Long.parseLong(m.group(3)),
        root.path("installation").path("id").asLong(0));
  }

  /** The {@code X-Hub-Signature-256} value for {@code body}: {@code sha256=<hex>}. */
  public String sign(byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.value().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  private void verify(byte[] body, String signature) {
    if (signature == null || !signature.startsWith(PREFIX)) {
      throw new InvalidWebhookException("X-Hub-Signature-256 is missing", true);
    }
    byte[] expected = sign(body).getBytes(StandardCharsets.US_ASCII);
    byte[] given = signature.trim().getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, given)) {
      throw new InvalidWebhookException("X-Hub-Signature-256 does not match the body", true);
    }
  }
}
