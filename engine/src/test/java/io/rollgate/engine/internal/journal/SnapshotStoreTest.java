package io.rollgate.engine.internal.journal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotStoreTest {

  @TempDir Path dir;

  @Test
  void latestIsEmptyWhenNothingWasWritten() {
    // given
    SnapshotStore store = SnapshotStore.open(dir.resolve("snapshots"));

    // when
    Optional<Snapshot> latest = store.latest();

    // then
    assertThat(latest).isEmpty();
  }

  @Test
  void latestReturnsTheNewestSnapshotWritten() {
    // given
    SnapshotStore store = SnapshotStore.open(dir);
    store.write(10, bytes("state at 10"));
    store.write(20, bytes("state at 20"));

    // when
    Optional<Snapshot> latest = store.latest();

    // then
    assertThat(latest).contains(new Snapshot(20, bytes("state at 20")));
  }

  @Test
  void snapshotsSurviveReopening() {
    // given
    SnapshotStore.open(dir).write(42, bytes("state"));

    // when
    Optional<Snapshot> latest = SnapshotStore.open(dir).latest();

    // then
    assertThat(latest).contains(new Snapshot(42, bytes("state")));
  }

  @Test
  void emptySnapshotRoundTrips() {
    // given
    SnapshotStore store = SnapshotStore.open(dir);

    // when
    store.write(0, new byte[0]);

    // then
    assertThat(store.latest()).contains(new Snapshot(0, new byte[0]));
  }

  @Test
  void corruptNewestSnapshotFallsBackToTheOlderOne() throws IOException {
    // given
    SnapshotStore store = SnapshotStore.open(dir);
    store.write(10, bytes("state at 10"));
    store.write(20, bytes("state at 20"));
    flipByte(snapshotFile(20), Files.size(snapshotFile(20)) - 1);

    // when
    Optional<Snapshot> latest = store.latest();

    // then
    assertThat(latest).contains(new Snapshot(10, bytes("state at 10")));
  }

  @Test
  void truncatedNewestSnapshotFallsBackToTheOlderOne() throws IOException {
    // given
    SnapshotStore store = SnapshotStore.open(dir);
    store.write(10, bytes("state at 10"));
    store.write(20, bytes("state at 20"));
    try (RandomAccessFile file = new RandomAccessFile(snapshotFile(20).toFile(), "rw")) {
      file.setLength(12);
    }

    // when
    Optional<Snapshot> latest = store.latest();

    // then
    assertThat(latest).contains(new Snapshot(10, bytes("state at 10")));
  }

  @Test
  void snapshotWhoseHeaderDisagreesWithItsNameIsSkipped() throws IOException {
    // given
    SnapshotStore store = SnapshotStore.open(dir);
    store.write(10, bytes("state at 10"));
    store.write(20, bytes("state at 20"));
    Files.copy(snapshotFile(20), dir.resolve(String.format("snapshot-%020d.snap", 30)));

    // when
    Optional<Snapshot> latest = store.latest();

    // then
    assertThat(latest).contains(new Snapshot(20, bytes("state at 20")));
  }

  @Test
  void latestIsEmptyWhenEverySnapshotIsCorrupt() throws IOException {
    // given
    SnapshotStore store = SnapshotStore.open(dir);
    store.write(10, bytes("state at 10"));
    store.write(20, bytes("state at 20"));
    flipByte(snapshotFile(10), 0);
    flipByte(snapshotFile(20), 0);

    // when
    Optional<Snapshot> latest = store.latest();

    // then
    assertThat(latest).isEmpty();
  }

  @Test
  void onlyTheTwoNewestSnapshotsAreKept() throws IOException {
    // given
    SnapshotStore store = SnapshotStore.open(dir);

    // when
    for (long position = 1; position <= 5; position++) {
      store.write(position * 100, bytes("state " + position));
    }

    // then
    assertThat(fileNames())
        .containsExactly(
            "snapshot-00000000000000000400.snap", "snapshot-00000000000000000500.snap");
    assertThat(store.latest()).contains(new Snapshot(500, bytes("state 5")));
  }

  @Test
  void rewritingTheSamePositionReplacesTheSnapshot() {
    // given
    SnapshotStore store = SnapshotStore.open(dir);
    store.write(10, bytes("first"));

    // when
    store.write(10, bytes("second"));

    // then
    assertThat(store.latest()).contains(new Snapshot(10, bytes("second")));
  }

  @Test
  void temporaryFileLeftByACrashIsRemovedOnOpen() throws IOException {
    // given
    SnapshotStore.open(dir).write(10, bytes("state at 10"));
    Files.write(dir.resolve("snapshot-00000000000000000020.snap.tmp"), bytes("half written"));

    // when
    SnapshotStore store = SnapshotStore.open(dir);

    // then
    assertThat(fileNames()).containsExactly("snapshot-00000000000000000010.snap");
    assertThat(store.latest()).contains(new Snapshot(10, bytes("state at 10")));
  }

  private Path snapshotFile(long position) {
    return dir.resolve(String.format("snapshot-%020d.snap", position));
  }

  private List<String> fileNames() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(file -> file.getFileName().toString()).sorted().toList();
    }
  }

  private static void flipByte(Path file, long offset) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.seek(offset);
      int value = raf.read();
      raf.seek(offset);
      raf.write(value ^ 0xFF);
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }
}
