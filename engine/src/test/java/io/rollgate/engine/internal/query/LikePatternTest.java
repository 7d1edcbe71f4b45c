package io.rollgate.engine.internal.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LikePatternTest {
  private static boolean like(String pattern, String text) {
    return LikePattern.compile(pattern).matches(text);
  }

  @Test
  void starMatchesAnyRunIncludingNone() {
    // given / when / then
    assertThat(like("a*c", "ac")).isTrue();
    assertThat(like("a*c", "abbbc")).isTrue();
    assertThat(like("a*c", "abcd")).isFalse();
    assertThat(like("*", "")).isTrue();
    assertThat(like("**a**", "xxaxx")).isTrue();
  }

  @Test
  void questionMarkMatchesExactlyOneCharacter() {
    // given / when / then
    assertThat(like("a?c", "abc")).isTrue();
    assertThat(like("a?c", "ac")).isFalse();
    assertThat(like("a?c", "abbc")).isFalse();
    assertThat(like("ab*c?", "abxxcd")).isTrue();
  }

  @Test
  void questionMarkMatchesACharacterOutsideTheBasicPlane() {
    // given
    String emoji = "a\uD83D\uDE00c";

    // when / then
    assertThat(like("a?c", emoji)).isTrue();
    assertThat(like("a??c", emoji)).isFalse();
    assertThat(like("*?c", emoji)).isTrue();
  }

  @Test
  void everythingElseIsLiteralAndCaseSensitive() {
    // given / when / then
    assertThat(like("a.c", "abc")).isFalse();
    assertThat(like("a.c", "a.c")).isTrue();
    assertThat(like("[a]%_", "[a]%_")).isTrue();
    assertThat(like("ABC", "abc")).isFalse();
    assertThat(like("", "")).isTrue();
    assertThat(like("", "a")).isFalse();
  }

  @Test
  void backslashEscapesWildcardsAndItself() {
    // given / when / then
    assertThat(like("a\\*", "a*")).isTrue();
    assertThat(like("a\\*", "ab")).isFalse();
    assertThat(like("a\\?", "a?")).isTrue();
    assertThat(like("a\\\\*", "a\\bc")).isTrue();
    assertThat(like("a\\b", "a\\b")).isTrue();
    assertThat(like("a\\", "a\\")).isTrue();
  }

  @Test
  void manyStarsDoNotBacktrackExponentially() {
    // given
    String text = "a".repeat(20_000);
    String pattern = "*a*a*a*a*a*a*a*a*a*b";

    // when
    boolean matched = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> like(pattern, text));

    // then
    assertThat(matched).isFalse();
  }
}
