package io.rollgate.bench;

import java.nio.file.Path;

/**
 * Runs the benchmarks {@code bench.run} names ({@code releases}, {@code engine}), in that order,
 * and appends each one's figures to {@code bench/RESULTS.md}. Run from the repository's root by
 * {@code ./mvnw -Pbench ... verify}; see bench/README.md.
 */
public final class Bench {

  static final Path RESULTS = Path.of("bench", "RESULTS.md");

  private Bench() {}

  public static void main(String[] args) throws Exception {
    List<String> runs =
        Arrays.asList(System.getProperty("bench.run", "releases,engine").split(","));
    if (runs.contains("releases")) {
      List<Integer> sizes =
          Arrays.stream(System.getProperty("bench.sizes", "10,100,1000").split(","))
              .map(String::trim)
              .map(Integer::valueOf)
              .toList();
      new ReleaseBenchmark(sizes).run(Run.begin("Releases through the gate API")).appendTo(RESULTS);
    }
    if (runs.contains("engine")) {
      int instances = Integer.getInteger("bench.instances", 10_000);
      new EngineComparison(instances)
          .run(Run.begin("Engine: Rollgate beside Operaton"))
          .appendTo(RESULTS);
    }
  }
}
