package io.rollgate.bench;

import java.util.List;

/** Nearest-rank percentiles of a sample of milliseconds. */
record Percentiles(int count, double p50, double p99) {

  static Percentiles of(List<Double> millis) {
    if (millis.isEmpty()) {
      return new Percentiles(0, Double.NaN, Double.NaN);
    }
    List<Double> sorted = millis.stream().sorted().toList();
    return new Percentiles(sorted.size(), rank(sorted, 0.50), rank(sorted, 0.99));
  }

  private static double rank(List<Double> sorted, double p) {
    return sorted.get(Math.max(0, (int) Math.ceil(p * sorted.size()) - 1));
  }
}
