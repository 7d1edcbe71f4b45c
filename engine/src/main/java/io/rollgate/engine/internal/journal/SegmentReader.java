package io.rollgate.engine.internal.journal;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;

/**
 * Reads the records of one segment in order and stops at the first one that is incomplete or fails
 * validation. Callers decide what that means: a torn tail in the newest segment, corruption
 * anywhere else.
 *
 * <p>Not thread-safe.
 */
final class SegmentReader implements Closeable {

  private static final int READ_BUFFER_BYTES = 256 * 1024;

  private final Segment segment;
  private final RecordFormat format;
  private final InputStream in;
  private final long fileSize;
  private final byte[] header = new byte[RecordFormat.HEADER_BYTES];

  private long validEnd;
  private long nextPosition;
  private byte[] payload;
  private String problem;

  SegmentReader(Segment segment, RecordFormat format) throws IOException {
    this.segment = segment;
    this.format = format;
    this.fileSize = Files.size(segment.path());
    this.in = new BufferedInputStream(Files.newInputStream(segment.path()), READ_BUFFER_BYTES);
    this.nextPosition = segment.firstPosition();
  }

  /**
   * Advances to the next record.
   *
   * @return false at the end of the valid records; {@link #problem()} then tells whether the file
   *     ended cleanly
   */
  boolean next() throws IOException {
    if (problem != null) {
      return false;
    }
    int headerRead = in.readNBytes(header, 0, header.length);
    if (headerRead == 0) {
      return false;
    }
    if (headerRead < header.length) {
      return fail("partial record header (" + headerRead + " of " + header.length + " bytes)");
    }
    ByteBuffer fields = ByteBuffer.wrap(header);
    int length = fields.getInt();
    long position = fields.getLong();
    int crc = fields.getInt();
    if (length < 0 || length > RecordFormat.MAX_PAYLOAD_BYTES) {
      return fail("invalid payload length " + length);
    }
    long available = fileSize - validEnd - header.length;
    if (length > available) {
      return fail("short payload (" + available + " of " + length + " bytes)");
    }
    if (position != nextPosition) {
      return fail("unexpected position " + position + " (expected " + nextPosition + ")");
    }
    byte[] bytes = in.readNBytes(length);
    if (bytes.length < length) {
      return fail("short payload (" + bytes.length + " of " + length + " bytes)");
    }
    if (format.checksum(position, bytes) != crc) {
      return fail("checksum mismatch for position " + position);
    }
    payload = bytes;
    validEnd += header.length + length;
    nextPosition++;
    return true;
  }

  private boolean fail(String reason) {
    problem = reason;
    return false;
  }

  /** Position of the record {@link #next()} just read. */
  long position() {
    return nextPosition - 1;
  }

  /** Payload of the record {@link #next()} just read. */
  byte[] payload() {
    return payload;
  }

  /** Byte offset just past the last valid record read so far. */
  long validEnd() {
    return validEnd;
  }

  /** Position of the last valid record read so far, {@code firstPosition - 1} if none. */
  long lastPosition() {
    return nextPosition - 1;
  }

  /** Why reading stopped before the end of the file, or null if it has not. */
  String problem() {
    return problem;
  }

  /** Bytes in the file past the last valid record. */
  long trailingBytes() {
    return fileSize - validEnd;
  }

  Segment segment() {
    return segment;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
