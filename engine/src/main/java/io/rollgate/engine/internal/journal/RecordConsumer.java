package io.rollgate.engine.internal.journal;

/**
 * Receives the records of a {@link Journal#replay(long, RecordConsumer)}, one call per record, in
 * position order, on the thread that called {@code replay}.
 */
@FunctionalInterface
public interface RecordConsumer {

  /**
   * Handles one record.
   *
   * @param position the record's position (sequence number, starting at 1)
   * @param payload the bytes given to {@link Journal#append(byte[])}; a fresh array the consumer
   *     may keep
   */
  void accept(long position, byte[] payload);
}
