package io.rollgate.bench;

/**
 * Start, three service tasks, end, the same number of instances on each engine in the same run:
 * Rollgate's engine in a JVM of its own with Camunda {@code JobWorker}s over REST, and Operaton on
 * PostgreSQL in a JVM of its own with external-task workers over its REST API. Each engine gets the
 * same warm-up first; the ratio is of the two rates measured side by side.
 */
final class EngineComparison {

  private static final int WARM_UP = 1_000;

  private final int instances;

  EngineComparison(int instances) {
    this.instances = instances;
  }

  Run run(Run run) throws Exception {
    run.line(
        "start → 3 service tasks → end; "
            + instances
            + " measured instances after "
            + WARM_UP
            + " warm-up ones, 128 creations in flight; every engine and its workers on this"
            + " machine, the engines each in a JVM of their own (-Xmx512m).\n");
    run.line("| engine | workers | instances | completed/s | wall time |");
    run.line("|---|---|---|---|---|");
    Throughput rollgate = new RollgateEngineRun().measure(WARM_UP, instances);
    run.line(
        rollgate.row(
            "Rollgate engine (journal fsynced)", "Camunda JobWorker over REST (3 × 256 active)"));
    Throughput operaton = new OperatonRun().measure(WARM_UP, instances);
    run.line(
        operaton.row(
            "Operaton 1.0.3, PostgreSQL, history full",
            "external-task fetchAndLock / complete over REST (3 topics × "
                + OperatonRun.THREADS_PER_TOPIC
                + " threads)"));
    run.line(
        String.format(
            "%nRatio Rollgate / Operaton: **%.1f×**", rollgate.perSecond() / operaton.perSecond()));
    return run;
  }
}
