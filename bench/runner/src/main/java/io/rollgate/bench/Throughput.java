package io.rollgate.bench;

/** Instances completed over a wall time. */
record Throughput(int instances, double seconds) {

  double perSecond() {
    return instances / seconds;
  }

  String row(String engine, String workers) {
    return String.format(
        "| %s | %s | %d | %.0f | %.1f s |", engine, workers, instances, perSecond(), seconds);
  }
}
