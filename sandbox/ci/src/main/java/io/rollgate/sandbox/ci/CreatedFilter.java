package io.rollgate.sandbox.ci;

import io.rollgate.sandbox.SimProblem;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.function.Predicate;

/**
 * GitHub's search syntax for dates, as the {@code created} filter of the workflow run lists reads
 * it: {@code >=T}, {@code >T}, {@code <=T}, {@code <T}, {@code A..B} (either side may be {@code
 * *}), or a bare date (that whole day) or date-time.
 */
final class CreatedFilter {

  private CreatedFilter() {}

  static Predicate<Instant> parse(String raw) {
    String value = raw.trim();
    try {
      if (value.startsWith(">=")) {
        Instant from = start(value.substring(2));
        return at -> !at.isBefore(from);
      }
      if (value.startsWith(">")) {
        Instant from = end(value.substring(1));
        return at -> !at.isBefore(from);
      }
      if (value.startsWith("<=")) {
        Instant until = end(value.substring(2));
        return at -> at.isBefore(until);
      }
      if (value.startsWith("<")) {
        Instant until = start(value.substring(1));
        return at -> at.isBefore(until);
      }
      int range = value.indexOf("..");
      if (range >= 0) {
        String a = value.substring(0, range);
        String b = value.substring(range + 2);
        Instant from = "*".equals(a) ? Instant.MIN : start(a);
        Instant until = "*".equals(b) ? Instant.MAX : end(b);
        return at -> !at.isBefore(from) && at.isBefore(until);
      }
      Instant from = start(value);
      Instant until = end(value);
      return at -> !at.isBefore(from) && at.isBefore(until);
    } catch (DateTimeParseException e) {
      throw new SimProblem(422, "Validation Failed: created '" + raw + "' is not a date filter");
    }
  }

  /** The first instant the text covers. */
  private static Instant start(String text) {
    if (text.length() == 10) {
      return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
    }
    return OffsetDateTime.parse(text).toInstant();
  }

  /** The first instant after what the text covers (a date covers its whole day). */
  private static Instant end(String text) {
    if (text.length() == 10) {
      return LocalDate.parse(text).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }
    return OffsetDateTime.parse(text).toInstant().plusNanos(1);
  }
}
