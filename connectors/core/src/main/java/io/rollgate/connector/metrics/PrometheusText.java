package io.rollgate.connector.metrics;

import java.util.OptionalDouble;

/** Samples of the Prometheus text exposition format: {@code name{labels} value [timestamp]}. */
final class PrometheusText {

  private PrometheusText() {}

  /**
   * @throws IllegalArgumentException when a sample of {@code metric} has no number as its value
   */
  static OptionalDouble max(String text, String metric) {
    double max = Double.NEGATIVE_INFINITY;
    boolean found = false;
    for (String line : text.split("\n")) {
      String sample = line.strip();
      if (sample.isEmpty() || sample.startsWith("#") || !isSampleOf(sample, metric)) {
        continue;
      }
      double value = value(sample, metric);
      if (!Double.isNaN(value)) {
        max = Math.max(max, value);
        found = true;
      }
    }
    return found ? OptionalDouble.of(max) : OptionalDouble.empty();
  }

  private static boolean isSampleOf(String sample, String metric) {
    if (!sample.startsWith(metric) || sample.length() == metric.length()) {
      return false;
    }
    char next = sample.charAt(metric.length());
    return next == '{' || next == ' ' || next == '\t';
  }

  private static double value(String sample, String metric) {
    String rest = sample.substring(metric.length());
    if (rest.startsWith("{")) {
      int end = labelsEnd(rest);
      rest = rest.substring(end + 1);
    }
    String[] fields = rest.strip().split("[ \t]+");
    try {
      return Double.parseDouble(fields[0].replace("Inf", "Infinity"));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("the sample '" + sample + "' has no number as its value");
    }
  }

  /** The index of the brace closing the label set, skipping braces inside quoted label values. */
  private static int labelsEnd(String rest) {
    boolean quoted = false;
    for (int i = 1; i < rest.length(); i++) {
      char c = rest.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == '}' && !quoted) {
        return i;
      }
    }
    throw new IllegalArgumentException("unclosed label set in '" + rest + "'");
  }
}
