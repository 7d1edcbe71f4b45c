package io.rollgate.engine.internal.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The engine's write-ahead command log: an append-only sequence of opaque records, each numbered by
 * a <em>position</em> that starts at 1 for the first record ever written and grows by exactly 1 per
 * record, across restarts and segment files.
 *
 * <p>Durability is by group commit: {@link #append} only buffers a record; {@link #flush} writes
 * every buffered record and forces it to disk, after which those records survive a process kill or
 * power cut. Acknowledge a command only after the {@code flush} that follows its {@code append} has
 * returned.
 *
 * <p>On disk the journal is a directory of segment files named {@code journal-<first position, 20
 * digits>.log}. A segment is closed once it reaches {@link JournalOptions#segmentSizeBytes()}. Each
 * record is framed as {@code [int payloadLength][long position][int crc32c]} followed by the
 * payload, big-endian, the CRC-32C covering position and payload. {@link #open} repairs a torn tail
 * left by a crash in the newest segment and refuses to open ({@link JournalCorruptedException})
 * when older data is damaged or missing.
 *
 * <p>Not thread-safe: one thread (the engine's processor) calls every method. Only one {@code
 * Journal} may have a directory open at a time, in this process or any other; a lock file ({@code
 * journal.lock}) enforces that.
 *
 * <p>I/O failures surface as {@link UncheckedIOException}. After a failed write or force the
 * journal no longer knows what reached the disk (a failed fsync may already have discarded the
 * dirty pages), so every later call except {@link #close} throws {@link IllegalStateException};
 * reopen it to recover.
 */
public final class Journal implements AutoCloseable {

  /** Largest accepted payload: 64 MiB. */
  public static final int MAX_PAYLOAD_BYTES = RecordFormat.MAX_PAYLOAD_BYTES;

  private final Path dir;
  private final DirectoryLock lock;
  private final JournalOptions options;
  private final RecordFormat format = new RecordFormat();
  private final ByteBuffer buffer;
  private final List<Segment> segments;
  private SegmentWriter writer;
  private long lastPosition;
  private long flushedPosition;
  private long syncCount;
  private IOException failure;
  private boolean closed;

  private Journal(Path dir, DirectoryLock lock, JournalOptions options, JournalRecovery.State state)
      throws IOException {
    this.dir = dir;
    this.lock = lock;
    this.options = options;
    this.buffer = ByteBuffer.allocateDirect(options.writeBufferBytes());
    this.segments = new ArrayList<>(state.segments());
    this.lastPosition = state.lastPosition();
    this.flushedPosition = state.lastPosition();
    Segment active = segments.get(segments.size() - 1);
    this.writer = new SegmentWriter(active, state.activeSegmentSize(), buffer, format);
  }

  /** Opens the journal in {@code dir} with {@link JournalOptions#defaults()}. */
  public static Journal open(Path dir) {
    return open(dir, JournalOptions.defaults());
  }

  /**
   * Opens the journal in {@code dir}, creating the directory and a first segment if needed. Reads
   * and validates every segment, so opening takes time proportional to the journal's size; delete
   * segments covered by a snapshot with {@link #deleteSegmentsBefore} to keep it short.
   *
   * <p>A torn or corrupt tail in the newest segment (partial header, short payload, checksum or
   * position mismatch) is truncated away and logged at WARN: those records were never flushed, or
   * were written in the same unfinished batch as one that was not.
   *
   * @throws JournalCorruptedException when a segment other than the newest holds an invalid record,
   *     or segments do not follow each other without a gap
   * @throws IllegalStateException when another {@code Journal}, here or in another process, has the
   *     directory open
   * @throws UncheckedIOException when the directory or a segment cannot be read or written
   */
  public static Journal open(Path dir, JournalOptions options) {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(options, "options");
    try {
      Path absolute = dir.toAbsolutePath();
      if (!Files.isDirectory(absolute)) {
        Files.createDirectories(absolute);
        if (absolute.getParent() != null) {
          FileSync.directory(absolute.getParent());
        }
      }
      DirectoryLock lock = DirectoryLock.acquire(absolute);
      try {
        JournalRecovery.State state = JournalRecovery.recover(absolute, new RecordFormat());
        return new Journal(absolute, lock, options, state);
      } catch (IOException | RuntimeException e) {
        closeQuietly(lock, e);
        throw e;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open journal in " + dir, e);
    }
  }

  /**
   * Buffers one record. It is not durable, and may not even be in the file, until the next {@link
   * #flush}; a crash before then may lose it.
   *
   * @param payload the record's bytes, at most {@link #MAX_PAYLOAD_BYTES}; copied, so the caller
   *     may reuse the array
   * @return the record's position: {@link #lastPosition()} before the call, plus 1
   * @throws IllegalArgumentException when the payload is larger than 64 MiB
   * @throws IllegalStateException when the journal is closed or an earlier write failed
   * @throws UncheckedIOException when writing to the file fails
   */
  public long append(byte[] payload) {
    Objects.requireNonNull(payload, "payload");
    if (payload.length > MAX_PAYLOAD_BYTES) {
      throw new IllegalArgumentException(
          "Payload of " + payload.length + " bytes exceeds the limit of " + MAX_PAYLOAD_BYTES);
    }
    checkUsable();
    long position = lastPosition + 1;
    try {
      // A batch can outgrow a segment before its flush; cut here so segments stay bounded.
      if (writer.size() >= options.segmentSizeBytes()) {
        roll();
      }
      writer.append(position, payload);
    } catch (IOException e) {
      throw failed("append", e);
    }
    lastPosition = position;
    return position;
  }

  /**
   * Writes every buffered record and forces it to disk ({@code FileChannel.force(false)}); when it
   * returns, every record appended so far survives a crash or power cut. Returns at once when
   * nothing was appended since the last flush. Starts a new segment, durably, when the current one
   * has reached the segment size.
   *
   * @throws IllegalStateException when the journal is closed or an earlier write failed
   * @throws UncheckedIOException when writing or forcing fails; the journal is then unusable
   */
  public void flush() {
    checkUsable();
    if (flushedPosition == lastPosition) {
      return;
    }
    try {
      sync();
      if (writer.size() >= options.segmentSizeBytes()) {
        roll();
      }
    } catch (IOException e) {
      throw failed("flush", e);
    }
  }

  /**
   * Calls {@code consumer} for every record with a position greater than {@code afterPosition}, in
   * position order, on the calling thread. Meant for start-up, before appends begin; if called
   * later, records appended but not yet flushed are included too (they are handed to the file
   * first, and read back without being forced).
   *
   * @param afterPosition position of the state the caller already has (the snapshot's), 0 for none;
   *     at or beyond {@link #lastPosition()} nothing is replayed
   * @param consumer receives each record; an exception it throws stops the replay and propagates
   * @throws IllegalArgumentException when {@code afterPosition} is negative
   * @throws IllegalStateException when records after {@code afterPosition} were already deleted by
   *     {@link #deleteSegmentsBefore}, or the journal is closed or failed
   * @throws JournalCorruptedException when a record no longer validates
   * @throws UncheckedIOException when reading fails
   */
  public void replay(long afterPosition, RecordConsumer consumer) {
    Objects.requireNonNull(consumer, "consumer");
    if (afterPosition < 0) {
      throw new IllegalArgumentException("afterPosition must not be negative: " + afterPosition);
    }
    checkUsable();
    long firstAvailable = segments.get(0).firstPosition();
    if (afterPosition + 1 < firstAvailable) {
      throw new IllegalStateException(
          "Cannot replay after position "
              + afterPosition
              + ": the journal starts at position "
              + firstAvailable
              + ", earlier segments were deleted");
    }
    try {
      writer.writeBuffered();
    } catch (IOException e) {
      throw failed("replay", e);
    }
    RecordFormat readFormat = new RecordFormat();
    for (int i = 0; i < segments.size(); i++) {
      boolean hasLater = i + 1 < segments.size();
      if (hasLater && segments.get(i + 1).firstPosition() <= afterPosition + 1) {
        continue;
      }
      replaySegment(segments.get(i), afterPosition, readFormat, consumer);
    }
  }

  private void replaySegment(
      Segment segment, long afterPosition, RecordFormat readFormat, RecordConsumer consumer) {
    try (SegmentReader reader = new SegmentReader(segment, readFormat)) {
      while (reader.next()) {
        if (reader.position() > afterPosition) {
          consumer.accept(reader.position(), reader.payload());
        }
      }
      if (reader.problem() != null) {
        throw new JournalCorruptedException(segment.path(), reader.validEnd(), reader.problem());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read journal segment " + segment.path(), e);
    }
  }

  /**
   * Position of the last record appended (flushed or not), 0 when the journal has never held a
   * record.
   */
  public long lastPosition() {
    return lastPosition;
  }

  /**
   * Deletes every segment whose records all have a position {@code <= position}; the segment being
   * written is never deleted. Call after a snapshot at {@code position} is durable. Keeping the
   * journal back to the <em>older</em> of the retained snapshots lets start-up fall back to it if
   * the newest snapshot turns out to be damaged.
   *
   * @throws IllegalStateException when the journal is closed or failed
   * @throws UncheckedIOException when a file cannot be deleted
   */
  public void deleteSegmentsBefore(long position) {
    checkUsable();
    try {
      while (segments.size() > 1 && segments.get(1).firstPosition() - 1 <= position) {
        Segment oldest = segments.get(0);
        Files.deleteIfExists(oldest.path());
        // One at a time, oldest first: a crash must leave a gap-free suffix of the log.
        FileSync.directory(dir);
        segments.remove(0);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete journal segments in " + dir, e);
    }
  }

  /**
   * Flushes and closes the journal. Idempotent. After a failure it only releases the file.
   *
   * @throws UncheckedIOException when the final flush fails
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    try {
      if (failure == null) {
        flush();
      }
    } finally {
      closed = true;
      SegmentWriter current = writer;
      try (lock;
          current) {
        // try-with-resources closes both, and keeps the first failure
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot close journal in " + dir, e);
      }
    }
  }

  /** Number of times data was forced to disk; lets tests see that an empty flush is free. */
  long syncCount() {
    return syncCount;
  }

  private void sync() throws IOException {
    if (writer.sync()) {
      syncCount++;
    }
    flushedPosition = lastPosition;
  }

  private void roll() throws IOException {
    // The old segment must be durable before the new one holds anything, or a power cut could
    // leave a torn record in a segment that is no longer the newest, which open() rejects.
    sync();
    Segment next = Segment.in(dir, lastPosition + 1);
    Files.createFile(next.path());
    FileSync.directory(dir);
    writer.close();
    segments.add(next);
    writer = new SegmentWriter(next, 0, buffer, format);
  }

  private void checkUsable() {
    if (closed) {
      throw new IllegalStateException("Journal in " + dir + " is closed");
    }
    if (failure != null) {
      throw new IllegalStateException(
          "Journal in " + dir + " failed earlier and must be reopened", failure);
    }
  }

  private static void closeQuietly(DirectoryLock lock, Exception cause) {
    try {
      lock.close();
    } catch (IOException suppressed) {
      cause.addSuppressed(suppressed);
    }
  }

  private UncheckedIOException failed(String operation, IOException e) {
    failure = e;
    return new UncheckedIOException("Journal " + operation + " failed in " + dir, e);
  }
}
