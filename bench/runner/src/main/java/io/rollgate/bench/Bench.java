package io.rollgate.bench;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Runs the benchmarks {@code bench.run} names ({@code releases}, {@code engine}), in that order,
 * and appends each one's figures to {@code bench/RESULTS.md}. Run from the repository's root by
 * {@code ./mvnw -Pbench ... verify}; see bench/README.md.
 */
public final class Bench {

  static final Path RESULTS = Path.of("bench", "RESULTS.md");

  private Bench() {}

  public static void main(String[] args) throws Exception {
    for (String benchmark : System.getProperty("bench.run", "releases,engine").split(",")) {
      switch (benchmark.trim()) {
        case "releases" -> releases();
        case "engine" -> engine();
        default -> throw new IllegalArgumentException("no benchmark " + benchmark);
      }
    }
  }

  /** Each size appended as soon as it ran, so a long run keeps what it measured. */
  private static void releases() throws Exception {
    Duration timeout = Duration.parse(System.getProperty("bench.release-timeout", "PT20M"));
    for (String size : System.getProperty("bench.sizes", "10,100,1000").split(",")) {
      int n = Integer.parseInt(size.trim());
      new ReleaseBenchmark(n, timeout)
          .run(Run.begin("Releases through the gate API: " + n + " at once"))
          .appendTo(RESULTS);
    }
  }

  private static void engine() throws Exception {
    int instances = Integer.getInteger("bench.instances", 10_000);
    new EngineComparison(instances)
        .run(Run.begin("Engine: Rollgate beside Operaton, " + instances + " instances"))
        .appendTo(RESULTS);
  }
}
