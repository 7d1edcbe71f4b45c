package io.rollgate.app.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks the signature of a ServiceNow webhook call and that it is fresh and new.
 *
 * <p>The scheme: {@code X-Rollgate-Timestamp: <epoch seconds>} and {@code X-Rollgate-Signature:
 * sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>">}, keyed with the secret's UTF-8 bytes. A
 * call is accepted when the signature matches (compared in constant time), the timestamp is within
 * the replay window of this clock either way, and the same signature was not accepted before within
 * that window.
 *
 * <p>Seen signatures are kept in memory until they leave the window, so this holds for one
 * instance. With several instances behind a load balancer, a replayed call may reach another
 * instance within the window; at worst it publishes the same decision with the same message id
 * again, which the engine refuses as a duplicate, so a release still resumes once.
 */
final class WebhookSignatures {

  static final String TIMESTAMP_HEADER = "X-Rollgate-Timestamp";
  static final String SIGNATURE_HEADER = "X-Rollgate-Signature";

  private static final String PREFIX = "sha256=";
  private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
  private static final Pattern EPOCH_SECONDS = Pattern.compile("[0-9]{1,12}");

  /** What a check found: the call may go on, or why it may not. */
  sealed interface Verdict {}

  /**
   * @param signature the accepted signature, to {@link #release} when the call could not be acted
   *     on and the sender should try again
   */
  record Accepted(String signature) implements Verdict {}

  /**
   * @param reason what the sender must change, for the problem's detail
   */
  record Refused(String reason) implements Verdict {}

  private final SecretKeySpec key;
  private final Duration window;
  private final Clock clock;
  private final Map<String, Instant> seen = new ConcurrentHashMap<>();

  WebhookSignatures(WebhookSecret secret, Duration window, Clock clock) {
    this.key =
        new SecretKeySpec(secret.value().value().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    this.window = window;
    this.clock = clock;
  }

  /** The header value that signs {@code body} at {@code timestamp}: {@code sha256=<hex>}. */
  String sign(String timestamp, byte[] body) {
    return PREFIX + HexFormat.of().formatHex(hmac(timestamp, body));
  }

  /**
   * Checks one call; an accepted signature is remembered, so the same call is refused next time.
   *
   * @param timestamp the {@code X-Rollgate-Timestamp} header, or null
   * @param signature the {@code X-Rollgate-Signature} header, or null
   */
  Verdict verify(String timestamp, String signature, byte[] body) {
    if (timestamp == null || signature == null) {
      return new Refused(
          "the call must carry " + TIMESTAMP_HEADER + " and " + SIGNATURE_HEADER + " headers");
    }
    String given = signature.trim();
    if (!EPOCH_SECONDS.matcher(timestamp.trim()).matches()
        || !given.startsWith(PREFIX)
        || !HEX_SHA256.matcher(given.substring(PREFIX.length())).matches()) {
      return new Refused(
          TIMESTAMP_HEADER
              + " must be epoch seconds and "
              + SIGNATURE_HEADER
              + " sha256=<64 hex digits>");
    }
    byte[] expected = hmac(timestamp.trim(), body);
    byte[] actual = HexFormat.of().parseHex(given.substring(PREFIX.length()));
    if (!MessageDigest.isEqual(expected, actual)) {
      return new Refused("the signature does not match the body and timestamp");
    }
    Instant now = clock.instant();
    Instant signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp.trim()));
    if (Duration.between(signedAt, now).abs().compareTo(window) > 0) {
      return new Refused(
          "the timestamp is more than "
              + window.toSeconds()
              + " s from Rollgate's clock; sign each call when it is sent");
    }
    forgetExpired(now);
    String canonical = HexFormat.of().formatHex(actual);
    if (seen.putIfAbsent(canonical, signedAt.plus(window)) != null) {
      return new Refused("this signature was already used; sign each call afresh");
    }
    return new Accepted(canonical);
  }

  /** Forgets an accepted signature, so the sender's retry of the same call is accepted. */
  void release(Accepted accepted) {
    seen.remove(accepted.signature());
  }

  private void forgetExpired(Instant now) {
    seen.values().removeIf(expiry -> expiry.isBefore(now));
  }

  private byte[] hmac(String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return mac.doFinal(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
