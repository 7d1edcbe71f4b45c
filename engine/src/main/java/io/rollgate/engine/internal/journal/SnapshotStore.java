package io.rollgate.engine.internal.journal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the engine's snapshots in a directory, one file per snapshot named {@code
 * snapshot-<position, 20 digits>.snap}, and only the newest two of them (by position), so that a
 * damaged newest snapshot still leaves one to fall back to.
 *
 * <p>A file is a 24-byte big-endian header, {@code [int magic "RGSN"][int version 1][long
 * position][int dataLength][int crc32c of data]}, followed by the data. It is written to a
 * temporary file, forced, and renamed into place, so a crash leaves either the whole snapshot or
 * none of it.
 *
 * <p>Not thread-safe: one thread at a time writes or reads (it need not be the journal's thread).
 * I/O failures surface as {@link UncheckedIOException}.
 */
public final class SnapshotStore {

  private static final Logger LOG = LoggerFactory.getLogger(SnapshotStore.class);

  private static final int MAGIC = 0x5247534E; // "RGSN"
  private static final int VERSION = 1;
  private static final int HEADER_BYTES = 4 + 4 + 8 + 4 + 4;
  private static final int RETAINED = 2;
  private static final Pattern NAME = Pattern.compile("snapshot-(\\d{20})\\.snap");
  private static final String TEMP_SUFFIX = ".tmp";

  private final Path dir;

  private SnapshotStore(Path dir) {
    this.dir = dir;
  }

  /**
   * Opens the store in {@code dir}, creating the directory if needed and removing temporary files
   * left by a crash during {@link #write}.
   *
   * @throws UncheckedIOException when the directory cannot be created or listed
   */
  public static SnapshotStore open(Path dir) {
    Objects.requireNonNull(dir, "dir");
    try {
      Files.createDirectories(dir);
      try (DirectoryStream<Path> leftovers =
          Files.newDirectoryStream(dir, "snapshot-*.snap" + TEMP_SUFFIX)) {
        for (Path leftover : leftovers) {
          Files.deleteIfExists(leftover);
        }
      }
      return new SnapshotStore(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open snapshot store in " + dir, e);
    }
  }

  /**
   * Durably stores a snapshot, then deletes all but the two newest. When this returns, the snapshot
   * survives a crash or power cut. Only snapshot state whose journal records are already flushed:
   * otherwise a crash could leave a snapshot ahead of the journal.
   *
   * @param position position of the last journal record applied to {@code data}
   * @param data the serialized state; written as is
   * @throws IllegalArgumentException when {@code position} is negative
   * @throws UncheckedIOException when writing, forcing or renaming fails
   */
  public void write(long position, byte[] data) {
    Objects.requireNonNull(data, "data");
    if (position < 0) {
      throw new IllegalArgumentException("position must not be negative: " + position);
    }
    Path target = dir.resolve(fileName(position));
    Path temp = dir.resolve(fileName(position) + TEMP_SUFFIX);
    try {
      writeAndForce(temp, position, data);
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      FileSync.directory(dir);
      deleteAllButNewest();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write snapshot " + target, e);
    }
  }

  private static void writeAndForce(Path file, long position, byte[] data) throws IOException {
    CRC32C crc = new CRC32C();
    crc.update(data, 0, data.length);
    ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
    header.putInt(MAGIC).putInt(VERSION).putLong(position).putInt(data.length);
    header.putInt((int) crc.getValue()).flip();
    ByteBuffer[] content = {header, ByteBuffer.wrap(data)};
    try (FileChannel channel =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      long remaining = HEADER_BYTES + (long) data.length;
      while (remaining > 0) {
        remaining -= channel.write(content);
      }
      channel.force(true);
    }
  }

  private void deleteAllButNewest() throws IOException {
    List<Candidate> candidates = candidates();
    for (Candidate old :
        candidates.subList(Math.min(RETAINED, candidates.size()), candidates.size())) {
      Files.deleteIfExists(old.file());
    }
  }

  /**
   * The newest snapshot that passes validation. A damaged one (bad header, wrong length, checksum
   * mismatch, unreadable) is skipped with a WARN and the next older one is tried.
   *
   * @return the snapshot, or empty when there is no valid one
   * @throws UncheckedIOException when the directory cannot be listed
   */
  public Optional<Snapshot> latest() {
    List<Candidate> candidates;
    try {
      candidates = candidates();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list snapshots in " + dir, e);
    }
    for (Candidate candidate : candidates) {
      try {
        byte[] content = Files.readAllBytes(candidate.file());
        String problem = validate(candidate.position(), content);
        if (problem == null) {
          byte[] data = new byte[content.length - HEADER_BYTES];
          System.arraycopy(content, HEADER_BYTES, data, 0, data.length);
          return Optional.of(new Snapshot(candidate.position(), data));
        }
        LOG.warn("Skipping corrupt snapshot {}: {}", candidate.file(), problem);
      } catch (IOException e) {
        LOG.warn("Skipping unreadable snapshot {}", candidate.file(), e);
      }
    }
    return Optional.empty();
  }

  /** Why {@code content} is not a valid snapshot at {@code position}, or null when it is. */
  private static String validate(long position, byte[] content) {
    if (content.length < HEADER_BYTES) {
      return "truncated header (" + content.length + " bytes)";
    }
    ByteBuffer header = ByteBuffer.wrap(content, 0, HEADER_BYTES);
    int magic = header.getInt();
    int version = header.getInt();
    long storedPosition = header.getLong();
    int length = header.getInt();
    int storedCrc = header.getInt();
    if (magic != MAGIC) {
      return "bad magic " + Integer.toHexString(magic);
    }
    if (version != VERSION) {
      return "unsupported version " + version;
    }
    if (storedPosition != position) {
      return "header position " + storedPosition + " does not match the file name";
    }
    if (length != content.length - HEADER_BYTES) {
      return "data length " + (content.length - HEADER_BYTES) + " but header says " + length;
    }
    CRC32C crc = new CRC32C();
    crc.update(content, HEADER_BYTES, length);
    if ((int) crc.getValue() != storedCrc) {
      return "checksum mismatch";
    }
    return null;
  }

  /** Snapshot files, newest first. */
  private List<Candidate> candidates() throws IOException {
    List<Candidate> candidates = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "snapshot-*.snap")) {
      for (Path file : files) {
        Matcher name = NAME.matcher(file.getFileName().toString());
        if (name.matches()) {
          try {
            candidates.add(new Candidate(file, Long.parseLong(name.group(1))));
          } catch (NumberFormatException e) {
            LOG.warn("Ignoring {}: its position does not fit a long", file);
          }
        }
      }
    }
    candidates.sort(Comparator.comparingLong(Candidate::position).reversed());
    return candidates;
  }

  private static String fileName(long position) {
    return String.format("snapshot-%020d.snap", position);
  }

  private record Candidate(Path file, long position) {}
}
