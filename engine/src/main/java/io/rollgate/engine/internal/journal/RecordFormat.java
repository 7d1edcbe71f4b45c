package io.rollgate.engine.internal.journal;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The on-disk framing of one journal record, big-endian: {@code [int payloadLength][long
 * position][int crc32c]} followed by the payload. The CRC covers the position as well as the
 * payload, so a record copied to the wrong place, or a stale record left in a reused file, fails
 * the check too.
 *
 * <p>Holds a reusable checksum, so one instance per reader or writer; not thread-safe.
 */
final class RecordFormat {

  static final int HEADER_BYTES = Integer.BYTES + Long.BYTES + Integer.BYTES;

  static final int MAX_PAYLOAD_BYTES = 64 * 1024 * 1024;

  private final CRC32C crc = new CRC32C();
  private final ByteBuffer positionBytes = ByteBuffer.allocate(Long.BYTES);

  int checksum(long position, byte[] payload) {
    crc.reset();
    positionBytes.clear();
    positionBytes.putLong(position).flip();
    crc.update(positionBytes);
    crc.update(payload, 0, payload.length);
    return (int) crc.getValue();
  }

  void putHeader(ByteBuffer target, long position, byte[] payload) {
    target.putInt(payload.length).putLong(position).putInt(checksum(position, payload));
  }
}
