package io.rollgate.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * Start options a pipeline step hands over in its environment ({@code ROLLGATE_WAVES}, {@code
 * ROLLGATE_BAKE_TIME}, {@code ROLLGATE_WINDOW_START}, {@code ROLLGATE_WINDOW_END}), read with the
 * rules of their options; unset or blank is absent, a value the option would refuse is a usage
 * error naming the variable.
 */
final class EnvironmentOptions {

  private EnvironmentOptions() {}

  /** {@code ROLLGATE_WAVES}, comma-separated percentages, or null. */
  static List<Integer> waves(Map<String, String> env) {
    String value = value(env, "ROLLGATE_WAVES");
    if (value == null) {
      return null;
    }
    List<Integer> waves = new ArrayList<>();
    for (String wave : value.split(",")) {
      try {
        waves.add(Integer.valueOf(wave.strip()));
      } catch (NumberFormatException e) {
        throw refused("ROLLGATE_WAVES", value, "comma-separated percentages, e.g. 1,10,50,100");
      }
    }
    return waves;
  }

  /** A duration variable ({@code 10m}, {@code PT10M}) as ISO-8601, or null. */
  static String duration(Map<String, String> env, String name) {
    String value = value(env, name);
    try {
      return value == null ? null : Durations.parse(value).toString();
    } catch (CommandLine.TypeConversionException e) {
      throw refused(name, value, "a duration, e.g. 10m or PT10M");
    }
  }

  /** An instant variable as ISO-8601 in UTC, or null. */
  static String instant(Map<String, String> env, String name) {
    String value = value(env, name);
    try {
      return value == null ? null : new Instants().convert(value).toString();
    } catch (CommandLine.TypeConversionException e) {
      throw refused(name, value, "an ISO-8601 instant, e.g. 2026-12-07T22:00:00Z");
    }
  }

  private static String value(Map<String, String> env, String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static CliException refused(String name, String value, String expected) {
    return new CliException(
        ExitCode.ERROR, name + " must be " + expected + ", was '" + value + "'");
  }
}
