package io.rollgate.app.record;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * Release ids: {@code rel-} and 26 characters of Crockford base32, 10 for the milliseconds since
 * the epoch and 16 random, so ids sort by creation time and never collide between instances.
 */
final class ReleaseIds {

  private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private ReleaseIds() {}

  static String next(Clock clock) {
    char[] id = new char[26];
    long millis = clock.millis();
    for (int i = 9; i >= 0; i--) {
      id[i] = ALPHABET[(int) (millis & 31)];
      millis >>>= 5;
    }
    byte[] random = new byte[16];
    RANDOM.nextBytes(random);
    for (int i = 0; i < 16; i++) {
      id[10 + i] = ALPHABET[random[i] & 31];
    }
    return "rel-" + new String(id);
  }
}
