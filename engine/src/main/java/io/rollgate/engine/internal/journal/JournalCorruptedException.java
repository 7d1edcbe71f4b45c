package io.rollgate.engine.internal.journal;

import java.nio.file.Path;

/**
 * The journal on disk cannot be trusted: a record that is not at the tail of the log is damaged, or
 * records are missing between segments. Unlike a torn tail, which a crash leaves behind and {@link
 * Journal#open} silently repairs, this means acknowledged records were lost, so the engine must not
 * start on its own; the message names the file and byte offset.
 */
final class JournalCorruptedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  // Path is not serializable; a deserialized exception keeps its message only.
  private final transient Path file;
  private final long offset;

  /**
   * @param file the segment file that is damaged or out of sequence
   * @param offset byte offset within {@code file} where valid data ends
   * @param reason what was found there
   */
  public JournalCorruptedException(Path file, long offset, String reason) {
    super("Journal corrupted in " + file + " at offset " + offset + ": " + reason);
    this.file = file;
    this.offset = offset;
  }

  /** The damaged segment file; null on an exception that went through serialization. */
  public Path file() {
    return file;
  }

  /** Byte offset in {@link #file()} where valid data ends. */
  public long offset() {
    return offset;
  }
}
