package io.rollgate.engine.internal.journal;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Child process of {@link JournalCrashIT}: appends numbered records in batches of random size,
 * forever, and after each {@link Journal#flush()} prints {@code flushed <lastPosition>} so the
 * parent knows which records must survive its SIGKILL.
 *
 * <p>Arguments: the journal directory.
 */
public final class JournalCrashWriter {

  static final String FLUSHED = "flushed ";

  // Small segments and a small buffer, so kills also land in rolls and in multi-write flushes.
  static final JournalOptions OPTIONS =
      JournalOptions.defaults().withSegmentSizeBytes(64 * 1024).withWriteBufferBytes(4096);

  private JournalCrashWriter() {}

  public static void main(String[] args) {
    PrintStream out = System.out;
    ThreadLocalRandom random = ThreadLocalRandom.current();
    try (Journal journal = Journal.open(Path.of(args[0]), OPTIONS)) {
      while (true) {
        int batch = 1 + random.nextInt(32);
        for (int i = 0; i < batch; i++) {
          journal.append(payloadFor(journal.lastPosition() + 1));
        }
        journal.flush();
        out.println(FLUSHED + journal.lastPosition());
        out.flush();
      }
    }
  }

  /** The payload of the record at {@code position}: sizes vary, a few exceed the write buffer. */
  static byte[] payloadFor(long position) {
    int length = position % 97 == 0 ? 6000 : (int) (position % 300);
    StringBuilder text = new StringBuilder("record ").append(position).append(':');
    while (text.length() < length) {
      text.append((char) ('a' + (text.length() + position) % 26));
    }
    return text.toString().getBytes(UTF_8);
  }
}
