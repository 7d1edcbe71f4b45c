package io.rollgate.engine.internal.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates the segments of a journal directory when it is opened and cuts off a torn tail.
 *
 * <p>Only the newest segment can legitimately end in a damaged record: a crash interrupts the write
 * of records that were never acknowledged, and a power cut may persist a later page of that write
 * but not an earlier one. So the newest segment is cut at its first bad record (everything after it
 * belongs to the same unacknowledged batch). Older segments were forced before the next one was
 * created, so any damage there, or a gap between segments, is real data loss and fails.
 */
final class JournalRecovery {

  private static final Logger LOG = LoggerFactory.getLogger(JournalRecovery.class);

  /** What the directory holds after recovery. */
  record State(List<Segment> segments, long lastPosition, long activeSegmentSize) {}

  private JournalRecovery() {}

  static State recover(Path dir, RecordFormat format) throws IOException {
    List<Segment> segments = Segment.list(dir);
    if (segments.isEmpty()) {
      Segment first = Segment.in(dir, 1);
      Files.createFile(first.path());
      FileSync.directory(dir);
      segments.add(first);
      return new State(segments, 0, 0);
    }
    long lastPosition = 0;
    long activeSize = 0;
    for (int i = 0; i < segments.size(); i++) {
      Segment segment = segments.get(i);
      checkSequence(segment, i == 0 ? -1 : lastPosition);
      boolean newest = i == segments.size() - 1;
      try (SegmentReader reader = new SegmentReader(segment, format)) {
        while (reader.next()) {
          // validation is all that is wanted here
        }
        if (reader.problem() != null) {
          if (!newest) {
            throw new JournalCorruptedException(
                segment.path(), reader.validEnd(), reader.problem() + " in a non-final segment");
          }
          truncateTornTail(reader);
        }
        lastPosition = reader.lastPosition();
        activeSize = reader.validEnd();
      }
    }
    return new State(segments, lastPosition, activeSize);
  }

  private static void checkSequence(Segment segment, long previousLastPosition) {
    if (segment.firstPosition() < 1) {
      throw new JournalCorruptedException(segment.path(), 0, "positions start at 1");
    }
    if (previousLastPosition >= 0 && segment.firstPosition() != previousLastPosition + 1) {
      throw new JournalCorruptedException(
          segment.path(),
          0,
          "segment starts at position "
              + segment.firstPosition()
              + " but the previous segment ends at "
              + previousLastPosition);
    }
  }

  private static void truncateTornTail(SegmentReader reader) throws IOException {
    Path file = reader.segment().path();
    LOG.warn(
        "Journal {} has a torn tail at offset {} ({}); dropping {} bytes after position {}",
        file,
        reader.validEnd(),
        reader.problem(),
        reader.trailingBytes(),
        reader.lastPosition());
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.truncate(reader.validEnd());
      // The size is metadata: force it, or the cut-off garbage could come back after a power cut.
      channel.force(true);
    }
  }
}
