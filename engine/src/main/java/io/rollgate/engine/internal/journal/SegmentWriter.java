package io.rollgate.engine.internal.journal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;

/**
 * Appends records to the end of one segment. Records collect in a buffer and reach the file in
 * large writes, so a group commit of many small records costs one write and one force.
 *
 * <p>Not thread-safe.
 */
final class SegmentWriter implements Closeable {

  private final Segment segment;
  private final FileChannel channel;
  private final ByteBuffer buffer;
  private final RecordFormat format;
  private final ByteBuffer largeHeader = ByteBuffer.allocate(RecordFormat.HEADER_BYTES);

  private long writtenBytes;
  private boolean unforced;

  /**
   * @param size bytes of valid records already in the file; anything after is overwritten
   * @param buffer an empty buffer this writer uses until it is closed
   */
  SegmentWriter(Segment segment, long size, ByteBuffer buffer, RecordFormat format)
      throws IOException {
    this.segment = segment;
    this.channel = FileChannel.open(segment.path(), StandardOpenOption.WRITE);
    this.buffer = buffer;
    this.format = format;
    this.writtenBytes = size;
    channel.position(size);
  }

  Segment segment() {
    return segment;
  }

  /** Bytes of records in this segment, buffered ones included. */
  long size() {
    return writtenBytes + buffer.position();
  }

  void append(long position, byte[] payload) throws IOException {
    int recordBytes = RecordFormat.HEADER_BYTES + payload.length;
    if (recordBytes > buffer.remaining()) {
      writeBuffered();
    }
    if (recordBytes <= buffer.remaining()) {
      format.putHeader(buffer, position, payload);
      buffer.put(payload);
      return;
    }
    // Too big for the buffer: copying it in pieces would only add writes.
    largeHeader.clear();
    format.putHeader(largeHeader, position, payload);
    largeHeader.flip();
    writeFully(new ByteBuffer[] {largeHeader, ByteBuffer.wrap(payload)});
  }

  /** Hands buffered records to the file without forcing them (they can be read back at once). */
  void writeBuffered() throws IOException {
    if (buffer.position() == 0) {
      return;
    }
    buffer.flip();
    writeFully(new ByteBuffer[] {buffer});
    buffer.clear();
  }

  /**
   * Writes buffered records and forces the file's data to disk.
   *
   * @return whether anything had to be forced
   */
  boolean sync() throws IOException {
    writeBuffered();
    if (!unforced) {
      return false;
    }
    // Data only: the file's size is forced along with it, other metadata needn't be.
    channel.force(false);
    unforced = false;
    return true;
  }

  private void writeFully(ByteBuffer[] sources) throws IOException {
    long remaining = 0;
    for (ByteBuffer source : sources) {
      remaining += source.remaining();
    }
    while (remaining > 0) {
      long written = channel.write(sources);
      writtenBytes += written;
      remaining -= written;
    }
    unforced = true;
  }

  /** Closes the file; buffered records not yet written are dropped. */
  @Override
  public void close() throws IOException {
    buffer.clear();
    channel.close();
  }
}
