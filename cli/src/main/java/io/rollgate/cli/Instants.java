package io.rollgate.cli;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;

/** Points in time as the gate API takes them: ISO-8601 with {@code Z} or an offset. */
final class Instants implements CommandLine.ITypeConverter<Instant> {

  @Override
  public Instant convert(String value) {
    try {
      return Instant.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw new CommandLine.TypeConversionException(
          "'"
              + value
              + "' is not an ISO-8601 instant: use 2026-12-07T22:00:00Z or"
              + " 2026-12-07T23:00:00+01:00");
    }
  }
}
