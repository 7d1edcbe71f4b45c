package io.rollgate.engine.internal.journal;

/**
 * Tuning for a {@link Journal}; immutable.
 *
 * @param segmentSizeBytes size in bytes after which the journal starts a new segment file; a
 *     segment is only closed at a record boundary, so it may exceed this by up to one record
 * @param writeBufferBytes size in bytes of the buffer that collects appended records between writes
 *     to the file; larger records bypass it
 */
record JournalOptions(long segmentSizeBytes, int writeBufferBytes) {

  /** 64 MiB. */
  public static final long DEFAULT_SEGMENT_SIZE_BYTES = 64L * 1024 * 1024;

  /** 1 MiB: holds a few thousand typical commands, so one group commit is usually one write. */
  public static final int DEFAULT_WRITE_BUFFER_BYTES = 1024 * 1024;

  /**
   * @throws IllegalArgumentException when {@code segmentSizeBytes} is not positive or {@code
   *     writeBufferBytes} is below 4096
   */
  public JournalOptions {
    if (segmentSizeBytes <= 0) {
      throw new IllegalArgumentException("segmentSizeBytes must be positive: " + segmentSizeBytes);
    }
    if (writeBufferBytes < 4096) {
      throw new IllegalArgumentException(
          "writeBufferBytes must be at least 4096: " + writeBufferBytes);
    }
  }

  /** The defaults: 64 MiB segments, 1 MiB write buffer. */
  public static JournalOptions defaults() {
    return new JournalOptions(DEFAULT_SEGMENT_SIZE_BYTES, DEFAULT_WRITE_BUFFER_BYTES);
  }

  /** A copy with another segment size in bytes. */
  public JournalOptions withSegmentSizeBytes(long bytes) {
    return new JournalOptions(bytes, writeBufferBytes);
  }

  /** A copy with another write buffer size in bytes. */
  public JournalOptions withWriteBufferBytes(int bytes) {
    return new JournalOptions(segmentSizeBytes, bytes);
  }
}
