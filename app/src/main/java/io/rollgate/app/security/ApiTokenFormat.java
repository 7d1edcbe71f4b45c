package io.rollgate.app.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * What an API token looks like: {@code rg_} and at least 32 URL-safe characters. Issued tokens
 * carry 32 random bytes (43 characters); only their SHA-256 is stored.
 */
final class ApiTokenFormat {

  static final String PREFIX = "rg_";
  static final String DESCRIPTION =
      "must be " + PREFIX + " followed by at least 32 letters, digits, '-' or '_'";

  private static final Pattern WELL_FORMED = Pattern.compile("rg_[A-Za-z0-9_-]{32,}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private ApiTokenFormat() {}

  static String generate() {
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }

  static boolean wellFormed(String token) {
    return token != null && token.length() <= 512 && WELL_FORMED.matcher(token).matches();
  }

  /** The lower-case hex SHA-256 of the token's UTF-8 bytes: what the store keeps. */
  static String hash(String token) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha256.digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
