package io.rollgate.engine.internal.model;

import io.rollgate.engine.internal.feel.EvaluationException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;

/**
 * A timer's due date and repetitions from its ISO-8601 text: a duration ({@code PT15M}, {@code
 * P1D}, {@code P1M}), a date-time with offset or zone, or a repeating interval ({@code R5/PT10S},
 * {@code R/PT1H}, {@code R3/2030-01-01T09:00:00Z/P1D}), or a cycle as a cron expression ({@link
 * CronSchedule}, {@code 0 0 9 * * MON-FRI}).
 *
 * @param firstDue epoch milliseconds of the first due date
 * @param repetitions further firings after the first; -1 for unbounded
 * @param interval the text of the repeat interval or cron expression, or {@code null}
 */
public record TimerSchedule(long firstDue, int repetitions, String interval) {

  /**
   * @param now epoch milliseconds that durations count from
   * @throws io.rollgate.engine.internal.feel.EvaluationException when the text is not valid
   *     ISO-8601
   */
  public static TimerSchedule of(TimerDefinition.Kind kind, String text, long now) {
    String value = text.strip();
    return switch (kind) {
      case DURATION -> new TimerSchedule(after(value, now), 0, null);
      case DATE -> new TimerSchedule(date(value), 0, null);
      case CYCLE -> cycle(value, now);
    };
  }

  /** The next due date after {@code previousDue}, for a repeating timer. */
  public long next(long previousDue) {
    if (CronSchedule.looksLikeCron(interval)) {
      return CronSchedule.parse(interval).next(previousDue);
    }
    return after(interval, previousDue);
  }

  private static TimerSchedule cycle(String value, long now) {
    if (CronSchedule.looksLikeCron(value)) {
      // a cron cycle repeats without end; the interval keeps its text for the next due date
      return new TimerSchedule(CronSchedule.parse(value).next(now), -1, value);
    }
    String[] parts = value.split("/");
    if (parts.length < 2 || parts.length > 3 || !parts[0].startsWith("R")) {
      throw new EvaluationException(
          "expected a repeating interval such as 'R5/PT10S' or 'R/P1D', or a cron expression such"
              + " as '0 0 9 * * MON-FRI', but was '"
              + value
              + "'");
    }
    int repetitions;
    try {
      repetitions = parts[0].length() == 1 ? -1 : Integer.parseInt(parts[0].substring(1));
    } catch (NumberFormatException e) {
      throw new EvaluationException("invalid repetition count in '" + value + "'");
    }
    String interval = parts[parts.length - 1];
    long first = parts.length == 3 ? date(parts[1]) : after(interval, now);
    return new TimerSchedule(first, repetitions < 0 ? -1 : Math.max(0, repetitions - 1), interval);
  }

  private static long after(String duration, long from) {
    try {
      return from + Duration.parse(duration).toMillis();
    } catch (DateTimeParseException notTimeBased) {
      try {
        Period period = Period.parse(duration);
        return ZonedDateTime.ofInstant(Instant.ofEpochMilli(from), ZoneOffset.UTC)
            .plus(period)
            .toInstant()
            .toEpochMilli();
      } catch (DateTimeParseException e) {
        throw new EvaluationException(
            "expected an ISO-8601 duration such as 'PT15M' or 'P1D', but was '" + duration + "'");
      }
    }
  }

  private static long date(String value) {
    try {
      return OffsetDateTime.parse(value).toInstant().toEpochMilli();
    } catch (DateTimeParseException notOffset) {
      try {
        return ZonedDateTime.parse(value).toInstant().toEpochMilli();
      } catch (DateTimeParseException e) {
        throw new EvaluationException(
            "expected an ISO-8601 date-time with offset such as '2030-01-15T09:00:00Z', but was '"
                + value
                + "'");
      }
    }
  }
}
