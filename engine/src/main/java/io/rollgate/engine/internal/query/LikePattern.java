package io.rollgate.engine.internal.query;

import java.util.Arrays;

/**
 * A {@code $like} pattern: {@code *} matches any run of characters (also none), {@code ?} exactly
 * one character (a whole code point), everything else itself, case-sensitively. A backslash before
 * {@code *}, {@code ?} or another backslash makes that character literal, as Camunda documents for
 * {@code $like}; any other backslash is literal itself.
 *
 * <p>Matching is hand-written rather than a regex so that patterns with many stars stay linear in
 * practice and cannot backtrack exponentially on long values.
 */
final class LikePattern {
  private static final int ANY_RUN = -1;
  private static final int ANY_ONE = -2;

  /** Literal chars (0..0xFFFF) or one of the wildcard markers. */
  private final int[] tokens;

  private LikePattern(int[] tokens) {
    this.tokens = tokens;
  }

  static LikePattern compile(String pattern) {
    int[] tokens = new int[pattern.length()];
    int count = 0;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\' && i + 1 < pattern.length() && isSpecial(pattern.charAt(i + 1))) {
        tokens[count++] = pattern.charAt(++i);
      } else if (c == '*') {
        // Consecutive stars mean the same as one and would only add backtracking.
        if (count == 0 || tokens[count - 1] != ANY_RUN) {
          tokens[count++] = ANY_RUN;
        }
      } else if (c == '?') {
        tokens[count++] = ANY_ONE;
      } else {
        tokens[count++] = c;
      }
    }
    return new LikePattern(Arrays.copyOf(tokens, count));
  }

  private static boolean isSpecial(char c) {
    return c == '*' || c == '?' || c == '\\';
  }

  boolean matches(String text) {
    int t = 0;
    int p = 0;
    int starToken = -1;
    int starText = -1;
    while (t < text.length()) {
      if (p < tokens.length) {
        int token = tokens[p];
        if (token == ANY_RUN) {
          starToken = p++;
          starText = t;
          continue;
        }
        if (token == ANY_ONE) {
          t += Character.charCount(text.codePointAt(t));
          p++;
          continue;
        }
        if (token == text.charAt(t)) {
          t++;
          p++;
          continue;
        }
      }
      if (starToken < 0) {
        return false;
      }
      // Only the latest star needs to grow: whatever an earlier star could absorb, it can too.
      starText += Character.charCount(text.codePointAt(starText));
      t = starText;
      p = starToken + 1;
    }
    while (p < tokens.length && tokens[p] == ANY_RUN) {
      p++;
    }
    return p == tokens.length;
  }
}
