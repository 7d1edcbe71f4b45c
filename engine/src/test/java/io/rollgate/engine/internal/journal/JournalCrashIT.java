package io.rollgate.engine.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a writing JVM with SIGKILL and checks that every record it reported as flushed is in the
 * reopened journal. Several rounds, so recovery after a kill is itself followed by more writes and
 * another kill.
 */
class JournalCrashIT {

  private static final int ROUNDS = 3;
  private static final int FLUSHES_PER_ROUND = 400;

  @TempDir Path dir;

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void everyRecordReportedAsFlushedSurvivesSigkill() throws Exception {
    Path journalDir = dir.resolve("journal");
    long lastReported = 0;
    for (int round = 1; round <= ROUNDS; round++) {
      // given a child that appends and reports each flush
      Path stderr = dir.resolve("writer-" + round + ".err");
      Process writer = startWriter(journalDir, stderr);

      // when it is killed after some hundreds of flushes
      List<Long> reported;
      try {
        reported = readReportedFlushes(writer, FLUSHES_PER_ROUND, stderr);
      } finally {
        writer.destroyForcibly();
        assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
      }

      // then every reported position is there, in order, with its payload, without gaps
      assertThat(reported).isSorted().doesNotHaveDuplicates();
      assertThat(reported.get(0)).isGreaterThan(lastReported);
      lastReported = reported.get(reported.size() - 1);
      assertJournalHoldsContiguousRecordsThrough(journalDir, lastReported);
    }
  }

  private static Process startWriter(Path journalDir, Path stderr) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder builder =
        new ProcessBuilder(
            java.toString(),
            "-cp",
            System.getProperty("java.class.path"),
            JournalCrashWriter.class.getName(),
            journalDir.toString());
    builder.redirectError(stderr.toFile());
    return builder.start();
  }

  private static List<Long> readReportedFlushes(Process writer, int count, Path stderr)
      throws IOException {
    List<Long> reported = new ArrayList<>();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8));
    while (reported.size() < count) {
      String line = out.readLine();
      if (line == null) {
        fail("Writer exited early:%n%s", Files.readString(stderr));
      }
      // readLine only returns a line before EOF once its newline arrived, so it is complete.
      if (line.startsWith(JournalCrashWriter.FLUSHED)) {
        reported.add(Long.parseLong(line.substring(JournalCrashWriter.FLUSHED.length())));
      }
    }
    return reported;
  }

  private static void assertJournalHoldsContiguousRecordsThrough(Path journalDir, long reported) {
    try (Journal journal = Journal.open(journalDir, JournalCrashWriter.OPTIONS)) {
      long[] expectedNext = {1};
      journal.replay(
          0,
          (position, payload) -> {
            assertThat(position)
                .as("position after %d", expectedNext[0] - 1)
                .isEqualTo(expectedNext[0]);
            assertThat(payload)
                .as("payload at %d", position)
                .isEqualTo(JournalCrashWriter.payloadFor(position));
            expectedNext[0]++;
          });
      assertThat(journal.lastPosition()).isEqualTo(expectedNext[0] - 1);
      assertThat(journal.lastPosition()).isGreaterThanOrEqualTo(reported);
    }
  }
}
