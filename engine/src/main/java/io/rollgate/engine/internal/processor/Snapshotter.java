package io.rollgate.engine.internal.processor;

import io.rollgate.engine.internal.journal.Journal;
import io.rollgate.engine.internal.journal.Snapshot;
import io.rollgate.engine.internal.journal.SnapshotStore;
import io.rollgate.engine.internal.state.EngineState;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes snapshots without stopping the processor: keeps the journal records written since the
 * newest snapshot in memory and, when a snapshot is due, hands them to a background writer, which
 * rebuilds the state at the last flushed position from the newest snapshot and those records (the
 * same code start-up replays with) and writes it. Once it is durable, the processor drops the
 * records it covers and the journal segments no longer needed.
 *
 * <p>Everything but the writer's work runs on the processor thread.
 */
final class Snapshotter {
  private static final Logger LOG = LoggerFactory.getLogger(Snapshotter.class);

  /** A journal record kept in memory until a snapshot covers it. */
  private record Retained(long position, byte[] payload) {}

  private final Journal journal;
  private final SnapshotStore snapshots;
  private final long snapshotEvery;
  private final Limits limits;
  private long recordsSinceSnapshot;
  private long bytesSinceSnapshot;
  private long lastSnapshotBytes;
  private long previousSnapshotPosition;

  /** The journal records after the newest snapshot, in position order. */
  private final List<Retained> retained = new ArrayList<>();

  /** Writes snapshots off the processor thread, one at a time. */
  private final ThreadPoolExecutor writer =
      new ThreadPoolExecutor(
          1,
          1,
          0,
          TimeUnit.MILLISECONDS,
          new LinkedBlockingQueue<>(),
          r -> {
            Thread t = new Thread(r, "rollgate-snapshot");
            t.setDaemon(true);
            return t;
          });

  /** The snapshot being written, or null. */
  private Future<?> inFlight;

  /** What the writer finished, handed back to the processor thread (journal clean-up). */
  private final ConcurrentLinkedQueue<Runnable> fromWriter = new ConcurrentLinkedQueue<>();

  /** How long the processor paused for the last snapshot hand-off, in microseconds. */
  private volatile long lastPauseMicros = -1;

  /** Test hook: runs on the writer thread with the snapshot's position before it is built. */
  private volatile LongConsumer beforeWrite = position -> {};

  Snapshotter(Journal journal, SnapshotStore snapshots, long snapshotEvery, Limits limits) {
    this.journal = journal;
    this.snapshots = snapshots;
    this.snapshotEvery = snapshotEvery;
    this.limits = limits;
  }

  /** Started before the first hand-off, so that it does not pay for a thread start. */
  void start() {
    writer.prestartCoreThread();
  }

  /** Start-up restored the state from this snapshot. */
  void restoredFrom(Snapshot snapshot) {
    previousSnapshotPosition = snapshot.position();
    lastSnapshotBytes = snapshot.data().length;
  }

  /** A journal record was replayed at start-up or appended by the processor. */
  void recorded(long position, byte[] payload) {
    recordsSinceSnapshot++;
    bytesSinceSnapshot += payload.length;
    retained.add(new Retained(position, payload));
  }

  /** Whether records were written since the newest snapshot. */
  boolean anySinceSnapshot() {
    return recordsSinceSnapshot > 0;
  }

  /**
   * A snapshot pays off once the journal since the last one is as large as the snapshot itself: the
   * cost of snapshots per command stays constant however large the state grows, and start-up never
   * reads more than about twice the snapshot size.
   */
  boolean due() {
    return recordsSinceSnapshot >= snapshotEvery && bytesSinceSnapshot >= lastSnapshotBytes;
  }

  /** Runs what the writer finished since the last call, on the processor thread. */
  void collectWritten() {
    for (Runnable done; (done = fromWriter.poll()) != null; ) {
      done.run();
    }
  }

  /** A failed snapshot loses nothing (the journal has it all), so it must not stop the engine. */
  void takeOrWarn() {
    try {
      take();
    } catch (RuntimeException e) {
      LOG.warn("snapshot failed; start-up will replay more of the journal", e);
    }
  }

  /**
   * Hands a snapshot at the last flushed position to the background writer. The processor only
   * notes the position and the journal records since the newest snapshot; the live state is never
   * read off the processor thread, and the snapshot's state is exactly the state at its position.
   */
  private void take() {
    if (inFlight != null && !inFlight.isDone()) {
      return;
    }
    long started = System.nanoTime();
    long position = journal.lastPosition();
    List<Retained> records = List.copyOf(retained);
    recordsSinceSnapshot = 0;
    bytesSinceSnapshot = 0;
    inFlight = writer.submit(new SnapshotJob(position, records));
    lastPauseMicros = (System.nanoTime() - started) / 1_000;
    LOG.info(
        "snapshot at journal position {} handed to the background writer; the processor paused {}"
            + " µs",
        position,
        lastPauseMicros);
  }

  /** A snapshot for the writer thread (a class, not a lambda: no linkage on the first hand-off). */
  private final class SnapshotJob implements Runnable {
    private final long position;
    private final List<Retained> records;

    SnapshotJob(long position, List<Retained> records) {
      this.position = position;
      this.records = records;
    }

    @Override
    public void run() {
      writeOrWarn(position, records);
    }
  }

  /** On the writer thread. A failed snapshot loses nothing: the journal and records are kept. */
  private void writeOrWarn(long position, List<Retained> records) {
    long started = System.nanoTime();
    try {
      beforeWrite.accept(position);
      byte[] data = build(position, records);
      snapshots.write(position, data);
      fromWriter.add(() -> written(position, data.length));
      LOG.info(
          "snapshot at journal position {} written in the background in {} ms",
          position,
          (System.nanoTime() - started) / 1_000_000);
    } catch (RuntimeException e) {
      LOG.warn("snapshot failed; start-up will replay more of the journal", e);
    }
  }

  /**
   * The serialized state at {@code position}: the newest snapshot with the retained records after
   * it applied, by a handler of its own (the same code start-up replays with).
   */
  private byte[] build(long position, List<Retained> records) {
    EngineState copy = new EngineState();
    EngineClock copyClock = new EngineClock(Clock.systemUTC());
    // Rebuilt as replay rebuilds it: the limits of new deployments off, the replay budget on (a
    // budget of its own, so the writer never waits for the processor's evaluations).
    CommandHandler copyHandler = CommandHandler.create(copy, Outcomes.IGNORED, copyClock, limits);
    copyHandler.replaying(true);
    long after = copyHandler.restoreLatest(snapshots).map(Snapshot::position).orElse(0L);
    long expected = after + 1;
    for (Retained record : records) {
      if (record.position() <= after) {
        continue;
      }
      if (record.position() > position) {
        break;
      }
      if (record.position() != expected) {
        throw new IllegalStateException(
            "the journal records after the snapshot at "
                + after
                + " are not all in memory (next is "
                + record.position()
                + ")");
      }
      // a command rejected or failed when it was applied is rejected or fails the same way now
      copyHandler.replay(JournalEntry.decode(record.position(), record.payload()));
      expected++;
    }
    if (expected != position + 1) {
      throw new IllegalStateException(
          "the journal records up to " + position + " are not all in memory");
    }
    return StateSnapshot.write(copy, copyClock);
  }

  /** On the processor thread, once a snapshot is durable: drop what it made unnecessary. */
  private void written(long position, int bytes) {
    int covered = 0;
    while (covered < retained.size() && retained.get(covered).position() <= position) {
      covered++;
    }
    retained.subList(0, covered).clear();
    journal.deleteSegmentsBefore(previousSnapshotPosition);
    previousSnapshotPosition = position;
    lastSnapshotBytes = bytes;
  }

  /** Waits for the snapshot being written, at shutdown. */
  void awaitInFlight() {
    if (inFlight == null) {
      return;
    }
    try {
      inFlight.get(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("the last snapshot did not finish; start-up will replay more of the journal", e);
    }
  }

  /** Stops the writer once it finished; the data directory may be opened again afterwards. */
  void close() {
    writer.shutdown();
    try {
      if (!writer.awaitTermination(60, TimeUnit.SECONDS)) {
        LOG.warn("the snapshot writer did not finish in time");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** How long the processor paused to hand off the last snapshot, in microseconds; -1 if none. */
  long lastPauseMicros() {
    return lastPauseMicros;
  }

  /** Test hook: called on the writer's thread with the position, before it builds it. */
  void beforeWrite(LongConsumer hook) {
    this.beforeWrite = hook;
  }
}
