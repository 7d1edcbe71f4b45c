package io.rollgate.engine.internal.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Rough group-commit throughput: appends 100,000 records of 300 bytes, flushing after every 1, 16
 * and 128 records, and prints records per second. Not a test; run its {@code main} by hand. The
 * optional argument is a directory on the disk to measure (default: the temp directory).
 */
public final class JournalBenchmark {

  private static final int RECORDS = 100_000;
  private static final int PAYLOAD_BYTES = 300;
  private static final int[] BATCHES = {1, 16, 128};

  private JournalBenchmark() {}

  public static void main(String[] args) throws IOException {
    Path base =
        args.length > 0
            ? Files.createDirectories(Path.of(args[0]))
            : Files.createTempDirectory("journal-benchmark");
    byte[] payload = new byte[PAYLOAD_BYTES];
    ThreadLocalRandom.current().nextBytes(payload);
    System.out.printf("Journal in %s (%s)%n", base, Files.getFileStore(base).type());

    run(base.resolve("warm-up"), payload, 20_000, 128);
    for (int batch : BATCHES) {
      double seconds = run(base.resolve("batch-" + batch), payload, RECORDS, batch);
      System.out.printf(
          Locale.ROOT,
          "batch %4d: %,10.0f records/s  (%,d flushes, %.1f us per flush, %.2f s)%n",
          batch,
          RECORDS / seconds,
          (RECORDS + batch - 1) / batch,
          seconds * 1e6 / ((RECORDS + batch - 1) / batch),
          seconds);
    }
    delete(base);
  }

  private static double run(Path dir, byte[] payload, int records, int batch) {
    long start = System.nanoTime();
    try (Journal journal = Journal.open(dir)) {
      for (int i = 1; i <= records; i++) {
        journal.append(payload);
        if (i % batch == 0) {
          journal.flush();
        }
      }
      journal.flush();
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(JournalBenchmark::deleteFile);
    }
  }

  private static void deleteFile(Path file) {
    try {
      Files.delete(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
