package io.rollgate.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HttpFailuresTest {

  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private static Function<String, String> headers(String... pairs) {
    Map<String, String> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (int i = 0; i < pairs.length; i += 2) {
      map.put(pairs[i], pairs[i + 1]);
    }
    return map::get;
  }

  @ParameterizedTest
  @ValueSource(ints = {408, 429, 500, 502, 503, 504})
  void treatsServerTroubleAndThrottlingAsRetryable(int status) {
    // when
    ConnectorException e = HttpFailures.fromStatus("servicenow", status, headers(), "x", CLOCK);
    // then
    assertThat(e).isInstanceOf(RetryableException.class);
    assertThat(e.status()).contains(status);
    assertThat(e.getMessage()).isEqualTo("servicenow: HTTP " + status + ": x");
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 403, 404, 409, 422})
  void treatsOtherClientErrorsAsFinal(int status) {
    // when
    ConnectorException e = HttpFailures.fromStatus("github", status, headers(), "bad", CLOCK);
    // then
    assertThat(e).isInstanceOf(NonRetryableException.class);
    assertThat(e.retryable()).isFalse();
  }

  @Test
  void treatsGitHubRateLimitForbiddenAsRetryableUntilReset() {
    // given GitHub's primary rate limit: 403 with no requests left, reset in epoch seconds
    var h =
        headers(
            "X-RateLimit-Remaining", "0", "X-RateLimit-Reset", "" + (NOW.getEpochSecond() + 42));
    // when
    ConnectorException e = HttpFailures.fromStatus("github", 403, h, "rate limit", CLOCK);
    // then
    assertThat(e).isInstanceOf(RetryableException.class);
    assertThat(((RetryableException) e).retryAfter()).contains(Duration.ofSeconds(42));
  }

  @Test
  void treatsAForbiddenThatSaysWhenToComeBackAsThrottling() {
    // given GitHub's secondary rate limit: 403 with Retry-After and requests left
    var h = headers("Retry-After", "60", "X-RateLimit-Remaining", "4000");
    // when
    ConnectorException e = HttpFailures.fromStatus("github", 403, h, "secondary", CLOCK);
    // then
    assertThat(e).isInstanceOf(RetryableException.class);
    assertThat(((RetryableException) e).retryAfter()).contains(Duration.ofSeconds(60));
  }

  @Test
  void readsRetryAfterInSecondsAndAsHttpDate() {
    assertThat(HttpFailures.retryAfter(headers("Retry-After", "7"), CLOCK))
        .isEqualTo(Duration.ofSeconds(7));
    assertThat(
            HttpFailures.retryAfter(headers("Retry-After", "Mon, 23 Nov 2026 10:00:30 GMT"), CLOCK))
        .isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void readsLaunchDarklyResetInEpochMilliseconds() {
    // given
    var h = headers("X-Ratelimit-Reset", "" + NOW.plusMillis(1500).toEpochMilli());
    // then
    assertThat(HttpFailures.retryAfter(h, CLOCK)).isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void neverAsksForANegativeWaitAndIgnoresGarbage() {
    assertThat(HttpFailures.retryAfter(headers("Retry-After", "-5"), CLOCK))
        .isEqualTo(Duration.ZERO);
    assertThat(HttpFailures.retryAfter(headers("Retry-After", "soon"), CLOCK)).isNull();
    assertThat(HttpFailures.retryAfter(headers(), CLOCK)).isNull();
  }

  @Test
  void reportsTimeoutsAndMissingAnswersAsRetryable() {
    assertThat(
            HttpFailures.fromIo("jenkins", new SocketTimeoutException("read timed out")).detail())
        .startsWith("timed out");
    RetryableException reset = HttpFailures.fromIo("jenkins", new IOException("unexpected end"));
    assertThat(reset.detail()).startsWith("no answer");
    assertThat(reset.status()).isEmpty();
  }
}
