package io.rollgate.sandbox.servicenow;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Issues OAuth access tokens and checks the Authorization header of API calls. Thread-safe. */
final class Tokens {

  private final SimulatorConfig config;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Instant> issued = new ConcurrentHashMap<>();
  private final AtomicInteger issuedCount = new AtomicInteger();

  Tokens(SimulatorConfig config, Clock clock) {
    this.config = config;
    this.clock = clock;
  }

  /** A new token, or {@code null} when the client credentials are wrong. */
  String issue(String clientId, String clientSecret) {
    if (!config.clientId().equals(clientId)
        || !constantTimeEquals(config.clientSecret(), clientSecret)) {
      return null;
    }
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    issued.put(token, clock.instant().plus(config.tokenLifetime()));
    issuedCount.incrementAndGet();
    return token;
  }

  int issuedCount() {
    return issuedCount.get();
  }

  /** Makes every token issued so far expire now. */
  void expireAll() {
    issued.replaceAll((token, until) -> clock.instant().minusSeconds(1));
  }

  /** Why the header does not authenticate, or {@code null} when it does. */
  String refusal(String authorization) {
    if (authorization == null || authorization.isBlank()) {
      return "Required to provide Auth information";
    }
    if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      Instant until = issued.get(authorization.substring(7).trim());
      if (until == null) {
        return "Invalid access token";
      }
      return clock.instant().isBefore(until) ? null : "Access token expired";
    }
    if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      String decoded;
      try {
        decoded =
            new String(
                Base64.getDecoder().decode(authorization.substring(6).trim()),
                StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        return "Malformed Basic credentials";
      }
      String expected = config.basicUser() + ":" + config.basicPassword();
      return constantTimeEquals(expected, decoded) ? null : "Invalid user name or password";
    }
    return "Unsupported authorization scheme";
  }

  private static boolean constantTimeEquals(String a, String b) {
    return b != null
        && MessageDigest.isEqual(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
