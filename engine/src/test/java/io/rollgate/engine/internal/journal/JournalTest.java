package io.rollgate.engine.internal.journal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {

  private static final int HEADER = 16;

  @TempDir Path dir;

  @Test
  void appendReturnsPositionsStartingAtOneAndIncreasingByOne() {
    // given
    try (Journal journal = Journal.open(dir)) {
      // when
      List<Long> positions = new ArrayList<>();
      for (int i = 1; i <= 5; i++) {
        positions.add(journal.append(payload(i)));
      }

      // then
      assertThat(positions).containsExactly(1L, 2L, 3L, 4L, 5L);
      assertThat(journal.lastPosition()).isEqualTo(5);
    }
  }

  @Test
  void newJournalIsEmpty() {
    // given
    try (Journal journal = Journal.open(dir.resolve("fresh"))) {
      // when
      List<Entry> replayed = replayAll(journal, 0);

      // then
      assertThat(journal.lastPosition()).isZero();
      assertThat(replayed).isEmpty();
    }
  }

  @Test
  void reopenedJournalReplaysFlushedRecordsInOrderAndContinuesPositions() {
    // given
    appendFlushAndClose(1, 3);

    // when
    try (Journal journal = Journal.open(dir)) {
      List<Entry> replayed = replayAll(journal, 0);
      long next = journal.append(payload(4));
      journal.flush();

      // then
      assertThat(replayed).containsExactlyElementsOf(expected(1, 3));
      assertThat(next).isEqualTo(4);
    }
    try (Journal journal = Journal.open(dir)) {
      assertThat(replayAll(journal, 0)).containsExactlyElementsOf(expected(1, 4));
    }
  }

  @Test
  void replayStartsAfterTheGivenPosition() {
    // given
    appendFlushAndClose(1, 10);

    try (Journal journal = Journal.open(dir)) {
      // when
      List<Entry> afterSeven = replayAll(journal, 7);
      List<Entry> afterLast = replayAll(journal, 10);

      // then
      assertThat(afterSeven).containsExactlyElementsOf(expected(8, 10));
      assertThat(afterLast).isEmpty();
    }
  }

  @Test
  void closeFlushesRecordsThatWereOnlyAppended() {
    // given
    Journal journal = Journal.open(dir);
    journal.append(payload(1));
    journal.append(payload(2));

    // when
    journal.close();

    // then
    try (Journal reopened = Journal.open(dir)) {
      assertThat(replayAll(reopened, 0)).containsExactlyElementsOf(expected(1, 2));
    }
  }

  @Test
  void tornTailCutInsideThePayloadIsDroppedAndAppendsContinue() throws IOException {
    // given
    appendFlushAndClose(1, 5);
    Path segment = onlySegment();
    truncateBy(segment, 3);

    // when
    try (Journal journal = Journal.open(dir)) {
      long position = journal.append("replacement".getBytes(UTF_8));
      journal.flush();

      // then
      assertThat(position).isEqualTo(5);
    }
    try (Journal journal = Journal.open(dir)) {
      List<Entry> expected = new ArrayList<>(expected(1, 4));
      expected.add(new Entry(5, "replacement"));
      assertThat(replayAll(journal, 0)).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void tornTailCutInsideTheHeaderIsDropped() throws IOException {
    // given
    appendFlushAndClose(1, 5);
    Path segment = onlySegment();
    truncateBy(segment, payload(5).length + HEADER - 7);

    // when
    try (Journal journal = Journal.open(dir)) {
      // then
      assertThat(journal.lastPosition()).isEqualTo(4);
      assertThat(replayAll(journal, 0)).containsExactlyElementsOf(expected(1, 4));
      assertThat(Files.size(segment)).isEqualTo(4L * (HEADER + payload(1).length));
    }
  }

  @Test
  void flippedByteInTheLastRecordIsDroppedAndAppendsContinue() throws IOException {
    // given
    appendFlushAndClose(1, 5);
    Path segment = onlySegment();
    flipByte(segment, Files.size(segment) - 1);

    // when
    try (Journal journal = Journal.open(dir)) {
      long position = journal.append(payload(5));
      journal.flush();

      // then
      assertThat(position).isEqualTo(5);
    }
    try (Journal journal = Journal.open(dir)) {
      assertThat(replayAll(journal, 0)).containsExactlyElementsOf(expected(1, 5));
    }
  }

  @Test
  void zeroFilledTailIsDropped() throws IOException {
    // given a file extended by a power cut but whose data never arrived
    appendFlushAndClose(1, 3);
    Path segment = onlySegment();
    long validSize = Files.size(segment);
    try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
      file.setLength(validSize + 4096);
    }

    // when
    try (Journal journal = Journal.open(dir)) {
      // then
      assertThat(journal.lastPosition()).isEqualTo(3);
      assertThat(Files.size(segment)).isEqualTo(validSize);
    }
  }

  @Test
  void corruptionInAnOlderSegmentFailsWithFileAndOffset() throws IOException {
    // given
    appendFlushAndClose(smallSegments(), 1, 30);
    List<Path> segments = segmentFiles();
    assertThat(segments).hasSizeGreaterThan(2);
    Path older = segments.get(0);
    long secondRecord = HEADER + payload(1).length;
    flipByte(older, secondRecord + HEADER + 2);

    // when
    Throwable thrown = catchThrowable(() -> Journal.open(dir, smallSegments()));

    // then
    assertThat(thrown)
        .isInstanceOf(JournalCorruptedException.class)
        .hasMessageContaining(older.toString())
        .hasMessageContaining("offset " + secondRecord)
        .hasMessageContaining("checksum mismatch")
        .satisfies(
            e -> {
              JournalCorruptedException corrupted = (JournalCorruptedException) e;
              assertThat(corrupted.file()).isEqualTo(older);
              assertThat(corrupted.offset()).isEqualTo(secondRecord);
            });
  }

  @Test
  void truncatedOlderSegmentFails() throws IOException {
    // given
    appendFlushAndClose(smallSegments(), 1, 30);
    Path older = segmentFiles().get(0);
    truncateBy(older, 1);

    // when
    Throwable thrown = catchThrowable(() -> Journal.open(dir, smallSegments()));

    // then
    assertThat(thrown)
        .isInstanceOf(JournalCorruptedException.class)
        .hasMessageContaining(older.toString())
        .hasMessageContaining("short payload");
  }

  @Test
  void missingMiddleSegmentFails() throws IOException {
    // given
    appendFlushAndClose(smallSegments(), 1, 30);
    List<Path> segments = segmentFiles();
    Files.delete(segments.get(1));

    // when
    Throwable thrown = catchThrowable(() -> Journal.open(dir, smallSegments()));

    // then
    assertThat(thrown)
        .isInstanceOf(JournalCorruptedException.class)
        .hasMessageContaining(segments.get(2).toString())
        .hasMessageContaining("but the previous segment ends at");
  }

  @Test
  void smallSegmentSizeRollsSegmentsAndReplayCrossesThem() throws IOException {
    // given
    appendFlushAndClose(smallSegments(), 1, 50);

    // when
    List<Path> segments = segmentFiles();
    try (Journal journal = Journal.open(dir, smallSegments())) {
      List<Entry> all = replayAll(journal, 0);
      List<Entry> afterTwentyThree = replayAll(journal, 23);

      // then
      assertThat(segments).hasSizeGreaterThan(5);
      assertThat(segments.get(0).getFileName()).hasToString("journal-00000000000000000001.log");
      assertThat(all).containsExactlyElementsOf(expected(1, 50));
      assertThat(afterTwentyThree).containsExactlyElementsOf(expected(24, 50));
      assertThat(journal.lastPosition()).isEqualTo(50);
    }
  }

  @Test
  void segmentsAreNamedByTheirFirstPosition() throws IOException {
    // given
    appendFlushAndClose(smallSegments(), 1, 20);

    // when
    List<Path> segments = segmentFiles();

    // then
    for (Path segment : segments) {
      long named = Long.parseLong(segment.getFileName().toString().substring(8, 28));
      try (Journal journal = Journal.open(dir, smallSegments())) {
        List<Entry> fromHere = replayAll(journal, named - 1);
        assertThat(fromHere).isNotEmpty();
        assertThat(fromHere.get(0).position()).isEqualTo(named);
      }
    }
  }

  @Test
  void largeUnflushedBatchStillRollsAtRecordBoundaries() throws IOException {
    // given
    JournalOptions options = JournalOptions.defaults().withSegmentSizeBytes(1024);
    int recordBytes = HEADER + payload(100).length;

    // when
    try (Journal journal = Journal.open(dir, options)) {
      for (int i = 1; i <= 200; i++) {
        journal.append(payload(i));
      }
      journal.flush();
    }

    // then
    List<Path> segments = segmentFiles();
    assertThat(segments).hasSizeGreaterThanOrEqualTo(200 * recordBytes / (1024 + recordBytes));
    for (Path segment : segments.subList(0, segments.size() - 1)) {
      assertThat(Files.size(segment)).isBetween(1024L, 1024L + recordBytes - 1);
    }
    try (Journal journal = Journal.open(dir, options)) {
      assertThat(replayAll(journal, 0)).containsExactlyElementsOf(expected(1, 200));
    }
  }

  @Test
  void emptyNewestSegmentLeftByARollIsReusedOnReopen() throws IOException {
    // given a flush that filled the segment, so a new empty one was started
    JournalOptions options = JournalOptions.defaults().withSegmentSizeBytes(1);
    appendFlushAndClose(options, 1, 3);
    List<Path> before = segmentFiles();
    assertThat(Files.size(before.get(before.size() - 1))).isZero();

    // when
    try (Journal journal = Journal.open(dir, options)) {
      long position = journal.append(payload(4));
      journal.flush();

      // then
      assertThat(position).isEqualTo(4);
      assertThat(replayAll(journal, 0)).containsExactlyElementsOf(expected(1, 4));
    }
    assertThat(segmentFiles()).hasSize(before.size() + 1);
  }

  @Test
  void wholeNewestSegmentTornAwayContinuesFromThePreviousSegment() throws IOException {
    // given
    appendFlushAndClose(smallSegments(), 1, 30);
    List<Path> segments = segmentFiles();
    Path newest = segments.get(segments.size() - 1);
    long newestFirst = Long.parseLong(newest.getFileName().toString().substring(8, 28));
    assertThat(Files.size(newest)).isPositive();
    flipByte(newest, HEADER);

    // when
    try (Journal journal = Journal.open(dir, smallSegments())) {
      long position = journal.append(payload(newestFirst));

      // then
      assertThat(journal.lastPosition()).isEqualTo(newestFirst);
      assertThat(position).isEqualTo(newestFirst);
    }
  }

  @Test
  void deleteSegmentsBeforeKeepsTheSegmentsNeededAfterThePosition() throws IOException {
    // given
    appendFlushAndClose(smallSegments(), 1, 50);
    List<Path> before = segmentFiles();

    // when
    try (Journal journal = Journal.open(dir, smallSegments())) {
      journal.deleteSegmentsBefore(25);

      // then
      assertThat(replayAll(journal, 25)).containsExactlyElementsOf(expected(26, 50));
      assertThatThrownBy(() -> replayAll(journal, 0))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("earlier segments were deleted");
    }
    List<Path> after = segmentFiles();
    assertThat(after).hasSizeLessThan(before.size()).isNotEmpty();
    long firstKept = Long.parseLong(after.get(0).getFileName().toString().substring(8, 28));
    assertThat(firstKept).isLessThanOrEqualTo(26);
    try (Journal journal = Journal.open(dir, smallSegments())) {
      assertThat(replayAll(journal, firstKept - 1))
          .containsExactlyElementsOf(expected(firstKept, 50));
      assertThat(journal.append(payload(51))).isEqualTo(51);
    }
  }

  @Test
  void deleteSegmentsBeforeNeverDeletesTheSegmentBeingWritten() throws IOException {
    // given
    appendFlushAndClose(smallSegments(), 1, 30);

    // when
    try (Journal journal = Journal.open(dir, smallSegments())) {
      journal.deleteSegmentsBefore(Long.MAX_VALUE);
      long position = journal.append(payload(31));
      journal.flush();

      // then
      assertThat(segmentFiles()).hasSize(1);
      assertThat(position).isEqualTo(31);
    }
    try (Journal journal = Journal.open(dir, smallSegments())) {
      assertThat(journal.lastPosition()).isEqualTo(31);
      assertThat(replayAll(journal, 30)).containsExactly(new Entry(31, text(31)));
    }
  }

  @Test
  void flushWithNothingAppendedIsANoOp() throws IOException {
    // given
    try (Journal journal = Journal.open(dir)) {
      journal.append(payload(1));
      journal.flush();
      long syncs = journal.syncCount();
      long size = Files.size(onlySegment());

      // when
      journal.flush();
      journal.flush();

      // then
      assertThat(journal.syncCount()).isEqualTo(syncs);
      assertThat(Files.size(onlySegment())).isEqualTo(size);
    }
  }

  @Test
  void payloadsOver64MiBAreRejected() {
    // given
    try (Journal journal = Journal.open(dir)) {
      // when
      Throwable thrown = catchThrowable(() -> journal.append(new byte[64 * 1024 * 1024 + 1]));

      // then
      assertThat(thrown)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("exceeds");
      assertThat(journal.lastPosition()).isZero();
    }
  }

  @Test
  void payloadOfExactly64MiBRoundTrips() {
    // given
    byte[] big = new byte[Journal.MAX_PAYLOAD_BYTES];
    big[0] = 1;
    big[big.length - 1] = 2;
    try (Journal journal = Journal.open(dir)) {
      // when
      journal.append(big);
    }

    // then
    try (Journal journal = Journal.open(dir)) {
      List<byte[]> payloads = new ArrayList<>();
      journal.replay(0, (position, bytes) -> payloads.add(bytes));
      assertThat(payloads).singleElement().isEqualTo(big);
    }
  }

  @Test
  void recordsLargerThanTheWriteBufferRoundTripBetweenSmallOnes() {
    // given
    JournalOptions options = JournalOptions.defaults().withWriteBufferBytes(4096);
    byte[] large = new byte[100_000];
    for (int i = 0; i < large.length; i++) {
      large[i] = (byte) i;
    }

    // when
    try (Journal journal = Journal.open(dir, options)) {
      journal.append(payload(1));
      journal.append(large);
      journal.append(payload(3));
      journal.flush();
    }

    // then
    try (Journal journal = Journal.open(dir, options)) {
      List<byte[]> payloads = new ArrayList<>();
      journal.replay(0, (position, bytes) -> payloads.add(bytes));
      assertThat(payloads).containsExactly(payload(1), large, payload(3));
    }
  }

  @Test
  void emptyPayloadRoundTrips() {
    // given
    try (Journal journal = Journal.open(dir)) {
      // when
      journal.append(new byte[0]);
      journal.append(payload(2));
    }

    // then
    try (Journal journal = Journal.open(dir)) {
      List<byte[]> payloads = new ArrayList<>();
      journal.replay(0, (position, bytes) -> payloads.add(bytes));
      assertThat(payloads).containsExactly(new byte[0], payload(2));
    }
  }

  @Test
  void secondOpenOfTheSameDirectoryIsRejected() {
    // given
    try (Journal journal = Journal.open(dir)) {
      journal.append(payload(1));

      // when
      Throwable thrown = catchThrowable(() -> Journal.open(dir));

      // then
      assertThat(thrown)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("already open");
    }
    try (Journal reopened = Journal.open(dir)) {
      assertThat(reopened.lastPosition()).isEqualTo(1);
    }
  }

  @Test
  void closedJournalRejectsAppends() {
    // given
    Journal journal = Journal.open(dir);
    journal.close();

    // when
    Throwable thrown = catchThrowable(() -> journal.append(payload(1)));

    // then
    assertThat(thrown).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    journal.close(); // a second close is harmless
  }

  @Test
  void replayIncludesRecordsAppendedButNotYetFlushed() {
    // given
    try (Journal journal = Journal.open(dir)) {
      journal.append(payload(1));
      journal.flush();
      journal.append(payload(2));

      // when
      List<Entry> replayed = replayAll(journal, 0);

      // then
      assertThat(replayed).containsExactlyElementsOf(expected(1, 2));
    }
  }

  @Test
  void optionsOutsideTheirRangeAreRejected() {
    // given
    JournalOptions defaults = JournalOptions.defaults();

    // when
    Throwable zeroSegment = catchThrowable(() -> defaults.withSegmentSizeBytes(0));
    Throwable tinyBuffer = catchThrowable(() -> defaults.withWriteBufferBytes(100));

    // then
    assertThat(zeroSegment).isInstanceOf(IllegalArgumentException.class);
    assertThat(tinyBuffer).isInstanceOf(IllegalArgumentException.class);
    assertThat(defaults.segmentSizeBytes()).isEqualTo(64L * 1024 * 1024);
  }

  private static JournalOptions smallSegments() {
    return JournalOptions.defaults().withSegmentSizeBytes(256);
  }

  private void appendFlushAndClose(long from, long to) {
    appendFlushAndClose(JournalOptions.defaults(), from, to);
  }

  private void appendFlushAndClose(JournalOptions options, long from, long to) {
    try (Journal journal = Journal.open(dir, options)) {
      for (long i = from; i <= to; i++) {
        assertThat(journal.append(payload(i))).isEqualTo(i);
        journal.flush();
      }
    }
  }

  private List<Path> segmentFiles() throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(file -> file.getFileName().toString().startsWith("journal-"))
          .sorted()
          .toList();
    }
  }

  private Path onlySegment() throws IOException {
    List<Path> segments = segmentFiles();
    assertThat(segments).hasSize(1);
    return segments.get(0);
  }

  private static void truncateBy(Path file, long bytes) throws IOException {
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(raf.length() - bytes);
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

  private static List<Entry> replayAll(Journal journal, long after) {
    List<Entry> entries = new ArrayList<>();
    journal.replay(
        after, (position, bytes) -> entries.add(new Entry(position, new String(bytes, UTF_8))));
    return entries;
  }

  private static List<Entry> expected(long from, long to) {
    return LongStream.rangeClosed(from, to).mapToObj(i -> new Entry(i, text(i))).toList();
  }

  private static byte[] payload(long i) {
    return text(i).getBytes(UTF_8);
  }

  // Same length for every position below 1000, so offsets in the tests are easy to compute.
  private static String text(long i) {
    return String.format("command-%03d-payload", i);
  }

  private record Entry(long position, String payload) {}
}
