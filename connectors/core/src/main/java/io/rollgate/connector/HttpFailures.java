package io.rollgate.connector;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

/**
 * The one place that decides whether a failed HTTP call is worth repeating, and how long the system
 * asked us to wait.
 *
 * <ul>
 *   <li>no answer (timeout, refused, reset) → retryable;
 *   <li>408, 429 and every 5xx → retryable, with the wait from {@code Retry-After} (seconds or an
 *       HTTP date) or from a rate-limit reset header ({@code X-Ratelimit-Reset}, epoch seconds or
 *       milliseconds);
 *   <li>403 with {@code X-RateLimit-Remaining: 0} or a {@code Retry-After} (GitHub's primary and
 *       secondary rate limits) → retryable;
 *   <li>any other status → not retryable.
 * </ul>
 */
public final class HttpFailures {

  private static final long EPOCH_MILLIS_THRESHOLD = 100_000_000_000L;

  private HttpFailures() {}

  /** Maps an HTTP error answer. {@code headers} looks a header up by name, case-insensitively. */
  public static ConnectorException fromStatus(
      String system, int status, Function<String, String> headers, String detail, Clock clock) {
    String message = "HTTP " + status + (detail == null || detail.isBlank() ? "" : ": " + detail);
    if (isRetryableStatus(status, headers)) {
      return new RetryableException(system, status, message, retryAfter(headers, clock), null);
    }
    return new NonRetryableException(system, status, message, null);
  }

  /** Maps a call that got no answer: always retryable. */
  public static RetryableException fromIo(String system, IOException e) {
    String what =
        e instanceof SocketTimeoutException || e instanceof InterruptedIOException
            ? "timed out"
            : "no answer";
    return new RetryableException(system, 0, what + " (" + e + ")", null, e);
  }

  static boolean isRetryableStatus(int status, Function<String, String> headers) {
    if (status == 408 || status == 429 || status >= 500) {
      return true;
    }
    // A 403 that says when to come back is throttling (GitHub's primary and secondary limits).
    return status == 403
        && ("0".equals(trim(headers.apply("X-RateLimit-Remaining")))
            || trim(headers.apply("Retry-After")) != null);
  }

  /** The wait the answer asks for, or {@code null} when it names none. Never negative. */
  public static Duration retryAfter(Function<String, String> headers, Clock clock) {
    String retryAfter = trim(headers.apply("Retry-After"));
    if (retryAfter != null) {
      Duration parsed = parseRetryAfter(retryAfter, clock);
      if (parsed != null) {
        return parsed;
      }
    }
    String reset = trim(headers.apply("X-Ratelimit-Reset"));
    if (reset != null) {
      try {
        long value = Long.parseLong(reset);
        Instant at =
            value >= EPOCH_MILLIS_THRESHOLD
                ? Instant.ofEpochMilli(value)
                : Instant.ofEpochSecond(value);
        return nonNegative(Duration.between(clock.instant(), at));
      } catch (NumberFormatException ignored) {
        return null;
      }
    }
    return null;
  }

  private static Duration parseRetryAfter(String value, Clock clock) {
    try {
      return nonNegative(Duration.ofSeconds(Long.parseLong(value)));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        return nonNegative(Duration.between(clock.instant(), at));
      } catch (DateTimeParseException notADate) {
        return null;
      }
    }
  }

  private static Duration nonNegative(Duration d) {
    return d.isNegative() ? Duration.ZERO : d;
  }

  private static String trim(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
