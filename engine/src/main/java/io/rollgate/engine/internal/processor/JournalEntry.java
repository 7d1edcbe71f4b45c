package io.rollgate.engine.internal.processor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rollgate.engine.internal.api.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A journal record: the command and the engine time it was applied at, in a {@link DataFormat}.
 * Records of an older format are migrated as they are read.
 */
record JournalEntry(int format, long time, Command command) {

  /** How a record in the current format begins, so replay can bind it without migrating. */
  private static final byte[] CURRENT_PREFIX =
      ("{\"" + DataFormat.FIELD + "\":" + DataFormat.CURRENT + ",")
          .getBytes(StandardCharsets.UTF_8);

  /** The record of a command applied at {@code time}, in the current format. */
  static byte[] encode(long time, Command command) {
    try {
      return Json.MAPPER.writeValueAsBytes(new JournalEntry(DataFormat.CURRENT, time, command));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode command", e);
    }
  }

  /** The record at {@code position}, migrated to the current format when it is older. */
  static JournalEntry decode(long position, byte[] payload) {
    try {
      if (Arrays.equals(
          payload, 0, CURRENT_PREFIX.length, CURRENT_PREFIX, 0, CURRENT_PREFIX.length)) {
        return Json.MAPPER.readValue(payload, JournalEntry.class);
      }
      ObjectNode record = (ObjectNode) Json.MAPPER.readTree(payload);
      return Json.MAPPER.treeToValue(
          DataFormat.SHIPPED.journalRecord(record, "at position " + position), JournalEntry.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot decode the journal record at position " + position, e);
    }
  }
}
