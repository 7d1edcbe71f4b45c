package io.rollgate.engine.internal.journal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Makes directory changes (file creation, rename) durable. */
final class FileSync {

  // Windows cannot open a directory as a channel; NTFS journals its metadata changes anyway.
  private static final boolean SUPPORTED =
      !System.getProperty("os.name", "").toLowerCase().startsWith("windows");

  private FileSync() {}

  /**
   * Forces {@code dir}'s entries to disk: without it, a file created or renamed just before a power
   * cut can vanish even though its own contents were forced.
   */
  static void directory(Path dir) throws IOException {
    if (!SUPPORTED) {
      return;
    }
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }
}
