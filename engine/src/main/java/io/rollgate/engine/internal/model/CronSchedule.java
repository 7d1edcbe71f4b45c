package io.rollgate.engine.internal.model;

import io.rollgate.engine.internal.feel.EvaluationException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A timer cycle written as a cron expression, in the six-field form Camunda 8 accepts: second,
 * minute, hour, day of month, month, day of week ({@code 0 0 9-17 * * MON-FRI}). A field is {@code
 * *}, {@code ?} (day fields), a value, a range {@code a-b}, a step {@code * /n}, {@code a/n} or
 * {@code a-b/n}, or a comma-separated list of these; months and days of the week may be named
 * ({@code JAN}, {@code MON}); Sunday is 0 or 7. The macros {@code @yearly}, {@code @annually},
 * {@code @monthly}, {@code @weekly}, {@code @daily}, {@code @midnight} and {@code @hourly} stand
 * for their usual expressions. A date is due when every field matches it (day of month and day of
 * week both). Times are in UTC.
 */
final class CronSchedule {
  private static final Map<String, String> MACROS =
      Map.of(
          "@yearly", "0 0 0 1 1 *",
          "@annually", "0 0 0 1 1 *",
          "@monthly", "0 0 0 1 * *",
          "@weekly", "0 0 0 * * 0",
          "@daily", "0 0 0 * * *",
          "@midnight", "0 0 0 * * *",
          "@hourly", "0 0 * * * *");
  private static final List<String> MONTHS =
      List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
  private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

  /** How far ahead a due date is looked for before the expression counts as never due. */
  private static final int SEARCH_YEARS = 30;

  private final String text;
  private final BitSet seconds;
  private final BitSet minutes;
  private final BitSet hours;
  private final BitSet daysOfMonth;
  private final BitSet months;
  private final BitSet daysOfWeek;

  private CronSchedule(String text, String[] fields) {
    this.text = text;
    seconds = field(fields[0], "second", 0, 59, List.of());
    minutes = field(fields[1], "minute", 0, 59, List.of());
    hours = field(fields[2], "hour", 0, 23, List.of());
    daysOfMonth = field(fields[3], "day of month", 1, 31, List.of());
    months = field(fields[4], "month", 1, 12, MONTHS);
    daysOfWeek = field(fields[5], "day of week", 0, 7, DAYS);
    if (daysOfWeek.get(7)) {
      daysOfWeek.set(0);
    }
  }

  /** Whether the text is meant as a cron expression rather than an ISO-8601 repeating interval. */
  public static boolean looksLikeCron(String text) {
    String value = text.strip();
    return value.startsWith("@") || value.contains(" ");
  }

  /**
   * @throws EvaluationException naming what is wrong with the expression
   */
  public static CronSchedule parse(String text) {
    String value = text.strip();
    String expanded = MACROS.getOrDefault(value.toLowerCase(Locale.ROOT), value);
    String[] fields = expanded.split("\\s+");
    if (fields.length != 6) {
      throw new EvaluationException(
          "expected a cron expression of six fields (second minute hour day-of-month month"
              + " day-of-week) such as '0 0 9 * * MON-FRI', but was '"
              + value
              + "'");
    }
    return new CronSchedule(value, fields);
  }

  /**
   * The first due date strictly after {@code after}, in epoch milliseconds.
   *
   * @throws EvaluationException when the expression matches no date in the years ahead
   */
  public long next(long after) {
    ZonedDateTime t =
        Instant.ofEpochMilli(after)
            .atZone(ZoneOffset.UTC)
            .truncatedTo(ChronoUnit.SECONDS)
            .plusSeconds(1);
    int lastYear = t.getYear() + SEARCH_YEARS;
    while (t.getYear() <= lastYear) {
      if (!months.get(t.getMonthValue())) {
        t = t.plusMonths(1).withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS);
      } else if (!daysOfMonth.get(t.getDayOfMonth())
          || !daysOfWeek.get(t.getDayOfWeek().getValue() % 7)) {
        t = t.plusDays(1).truncatedTo(ChronoUnit.DAYS);
      } else if (!hours.get(t.getHour())) {
        t = t.plusHours(1).truncatedTo(ChronoUnit.HOURS);
      } else if (!minutes.get(t.getMinute())) {
        t = t.plusMinutes(1).truncatedTo(ChronoUnit.MINUTES);
      } else if (!seconds.get(t.getSecond())) {
        t = t.plusSeconds(1);
      } else {
        return t.toInstant().toEpochMilli();
      }
    }
    throw new EvaluationException("the cron expression '" + text + "' is never due");
  }

  private BitSet field(String raw, String name, int min, int max, List<String> names) {
    BitSet bits = new BitSet(max + 1);
    for (String part : raw.split(",")) {
      String range = part;
      int step = 1;
      int slash = part.indexOf('/');
      if (slash >= 0) {
        range = part.substring(0, slash);
        step = number(part.substring(slash + 1), name, 1, max, List.of());
      }
      int from;
      int to;
      if (range.equals("*") || range.equals("?")) {
        if (range.equals("?") && !name.startsWith("day")) {
          throw invalid(name, part, "'?' is only allowed for the day fields");
        }
        from = min;
        to = max;
      } else if (range.contains("-")) {
        String[] bounds = range.split("-", 2);
        from = number(bounds[0], name, min, max, names);
        to = number(bounds[1], name, min, max, names);
        if (to < from) {
          throw invalid(name, part, "the range ends before it starts");
        }
      } else {
        from = number(range, name, min, max, names);
        to = slash >= 0 ? max : from;
      }
      for (int v = from; v <= to; v += step) {
        bits.set(v);
      }
    }
    return bits;
  }

  private int number(String raw, String name, int min, int max, List<String> names) {
    String value = raw.toUpperCase(Locale.ROOT);
    int named = names.indexOf(value);
    if (named >= 0) {
      return names == MONTHS ? named + 1 : named;
    }
    try {
      int n = Integer.parseInt(value);
      if (n < min || n > max) {
        throw invalid(name, raw, "it must be between " + min + " and " + max);
      }
      return n;
    } catch (NumberFormatException e) {
      throw invalid(
          name,
          raw,
          "it is not a number" + (names.isEmpty() ? "" : " or a name such as " + names.get(1)));
    }
  }

  private EvaluationException invalid(String name, String part, String why) {
    return new EvaluationException(
        "invalid " + name + " '" + part + "' in the cron expression '" + text + "': " + why);
  }

  @Override
  public String toString() {
    return text;
  }
}
