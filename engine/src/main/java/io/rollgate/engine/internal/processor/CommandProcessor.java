package io.rollgate.engine.internal.processor;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.rollgate.engine.internal.api.Json;
import io.rollgate.engine.internal.api.Views;
import io.rollgate.engine.internal.api.JobViews;
import io.rollgate.engine.internal.feel.EvaluationBudget;
import io.rollgate.engine.internal.feel.Feel;
import io.rollgate.engine.internal.journal.Journal;
import io.rollgate.engine.internal.journal.Snapshot;
import io.rollgate.engine.internal.journal.SnapshotStore;
import io.rollgate.engine.internal.state.EngineState;
import io.rollgate.engine.internal.state.ProcessInstance;
import io.rollgate.engine.internal.state.State;
import io.rollgate.engine.internal.state.Timer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer: one thread takes commands and reads in arrival order, applies them, appends
 * accepted commands to the journal and, once per batch, flushes the journal before answering any
 * request of that batch (group commit). Nothing is acknowledged before it is durable, and no answer
 * shows state that a crash could take back.
 *
 * <p>Also holds requests that wait for something: job activations with no job ready yet (long
 * polling, bounded) and instance creations awaiting the instance's completion.
 */
public final class CommandProcessor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CommandProcessor.class);
  private static final int MAX_BATCH = 2_000;

  private final EngineState state = new EngineState();
  private final EngineClock clock;
  private final Journal journal;
  private final SnapshotStore snapshots;
  private final long snapshotEvery;
  private long recordsSinceSnapshot;
  private long bytesSinceSnapshot;
  private long lastSnapshotBytes;
  private long previousSnapshotPosition;
  private final CommandHandler handler;

  /** A journal record kept in memory until a snapshot covers it. */
  private record Retained(long position, byte[] payload) {}

  /**
   * The journal records after the newest snapshot, in position order: the background writer builds
   * the state of the next snapshot from that snapshot and these, never touching the live state.
   * Processor thread only.
   */
  private final List<Retained> retained = new ArrayList<>();

  /** Writes snapshots off the processor thread, one at a time. */
  private final ThreadPoolExecutor snapshotWriter =
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

  /** The snapshot being written, or null; processor thread only. */
  private Future<?> snapshotInFlight;

  /** What the writer finished, handed back to the processor thread (journal clean-up). */
  private final ConcurrentLinkedQueue<Runnable> fromWriter = new ConcurrentLinkedQueue<>();

  /** How long the processor paused for the last snapshot hand-off, in microseconds. */
  private volatile long lastSnapshotPauseMicros = -1;

  /** Test hook: runs on the writer thread with the snapshot's position before it is built. */
  private volatile LongConsumer beforeSnapshotWrite = position -> {};

  /** How many requests may wait for the processor by default before new ones are turned away. */
  public static final int DEFAULT_MAX_QUEUED = 10_000;

  private final BlockingQueue<Task> queue;
  private final Map<String, List<PendingPoll>> polls = new LinkedHashMap<>();
  private final Map<Long, List<Awaiter>> awaiters = new HashMap<>();
  private final Set<String> typesWithNewJobs = new LinkedHashSet<>();
  private final Map<Long, List<CompletableFuture<Object>>> transitionWaiters = new HashMap<>();
  private final Map<Long, Optional<EngineException>> endedTransitions = new LinkedHashMap<>();
  private final List<ProcessInstance> endedInstances = new ArrayList<>();
  private final List<Runnable> answers = new ArrayList<>();

  /** Ended root process instances by end date (engine time), then key: history retention. */
  private final TreeSet<long[]> endedByDate =
      new TreeSet<>(Comparator.<long[]>comparingLong(e -> e[0]).thenComparingLong(e -> e[1]));

  /** How many instances one history removal takes, so the processor is never held long. */
  static final int HISTORY_BATCH = 500;

  /** Milliseconds ended instances are kept; 0 keeps them forever. */
  private volatile long historyRetentionMillis;

  private static final long PROCESSOR_STACK_BYTES = 16L * 1024 * 1024;

  private final Thread thread;
  private volatile boolean running = true;
  private boolean journalFailed;
  private final Consumer<Throwable> onFailure;
  private final Limits limits;
  private volatile Throwable failure;

  /**
   * The processor cannot go on: the journal could not be written, or an error the JVM cannot
   * recover from. Nothing catches it below the processor loop.
   */
  static final class ProcessorFailure extends Error {
    ProcessorFailure(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * Errors after which the JVM's state is in doubt; any other failure of a command (a stack
   * overflow included) fails that command only.
   */
  static boolean isFatal(Throwable e) {
    return e instanceof ProcessorFailure
        || (e instanceof VirtualMachineError && !(e instanceof StackOverflowError));
  }

  /** Purges completed so far, read without waiting for the processor (the topology reports it). */
  public long completedChanges() {
    return state.changeId;
  }

  /** The failure that stopped the processor, or empty while it runs. */
  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure);
  }

  private sealed interface Task {
    CompletableFuture<Object> result();
  }

  private record CommandTask(Command command, CompletableFuture<Object> result) implements Task {}

  private record ReadTask(Function<EngineState, Object> read, CompletableFuture<Object> result)
      implements Task {}

  private record PollTask(
      Command.ActivateJobs command,
      long waitMillis,
      CompletableFuture<Void> gone,
      CompletableFuture<Object> result)
      implements Task {}

  private record AwaitTask(
      Command.CreateInstance command,
      List<String> fetchVariables,
      long waitMillis,
      CompletableFuture<Object> result)
      implements Task {}

  /**
   * @param gone completes when the requesting client went away: the poll is then dropped
   */
  private record PendingPoll(
      Command.ActivateJobs command,
      long deadline,
      CompletableFuture<Void> gone,
      CompletableFuture<Object> result) {}

  private record Awaiter(
      List<String> fetchVariables, long deadline, CompletableFuture<Object> result) {}

  /** One journal record: the command and the engine time it was applied at. */
  /**
   * A journal record: the command and the engine time it was applied at, in a {@link DataFormat}.
   */
  record Entry(int format, long time, Command command) {}

  /** How a record in the current format begins, so replay can bind it without migrating. */
  private static final byte[] CURRENT_PREFIX =
      ("{\"" + DataFormat.FIELD + "\":" + DataFormat.CURRENT + ",")
          .getBytes(StandardCharsets.UTF_8);

  /**
   * Rebuilds the state from the latest snapshot and the journal after it, then starts the processor
   * thread.
   *
   * @param snapshotEvery take a snapshot after this many journal records
   * @throws UncheckedIOException when the journal cannot be read
   */
  public CommandProcessor(
      Journal journal, SnapshotStore snapshots, long snapshotEvery, EngineClock clock) {
    this(journal, snapshots, snapshotEvery, clock, DEFAULT_MAX_QUEUED);
  }

  /**
   * Like {@link #CommandProcessor(Journal, SnapshotStore, long, EngineClock)}, with a bound on the
   * requests waiting for the processor: when {@code maxQueued} wait, a new one fails at once with
   * {@code 503 RESOURCE_EXHAUSTED} instead of queuing.
   */
  public CommandProcessor(
      Journal journal,
      SnapshotStore snapshots,
      long snapshotEvery,
      EngineClock clock,
      int maxQueued) {
    this(journal, snapshots, snapshotEvery, clock, maxQueued, Limits.defaults(), failure -> {});
  }

  /**
   * Like {@link #CommandProcessor(Journal, SnapshotStore, long, EngineClock, int)}, with bounds on
   * the work of one command and a callback for a failure that stops the processor (the journal
   * cannot be written, the heap is exhausted): it runs once, on a thread of its own.
   */
  public CommandProcessor(
      Journal journal,
      SnapshotStore snapshots,
      long snapshotEvery,
      EngineClock clock,
      int maxQueued,
      Limits limits,
      Consumer<Throwable> onFailure) {
    this.onFailure = onFailure;
    this.limits = limits;
    if (maxQueued < 1) {
      throw new IllegalArgumentException("maxQueued must be at least 1, was " + maxQueued);
    }
    this.queue = new LinkedBlockingQueue<>(maxQueued);
    this.journal = journal;
    this.snapshots = snapshots;
    this.snapshotEvery = snapshotEvery;
    this.clock = clock;
    Outcomes outcomes =
        new Outcomes() {
          @Override
          public void jobsAvailable(String type) {
            typesWithNewJobs.add(type);
          }

          @Override
          public void processEnded(ProcessInstance instance) {
            endedInstances.add(instance);
          }

          @Override
          public void userTaskTransitionEnded(long userTaskKey, EngineException rejection) {
            endedTransitions.put(userTaskKey, Optional.ofNullable(rejection));
          }
        };
    EvaluationBudget budget =
        new EvaluationBudget(limits.evaluationTime(), limits.evaluationAllocation());
    Feel feel = new Feel(this::currentCommandTime, budget);
    this.handler = new CommandHandler(state, feel, outcomes, clock);
    handler.runtime().maxActivationsPerCommand(limits.maxActivationsPerCommand());
    feel.replaying(true);
    replay();
    feel.replaying(false);
    // started now, so that handing off the first snapshot does not pay for a thread start
    snapshotWriter.prestartCoreThread();
    // A generous stack: models and expressions are bounded at deploy far below what this holds.
    this.thread = new Thread(null, this::loop, "rollgate-processor", PROCESSOR_STACK_BYTES);
    this.thread.start();
  }

  private long currentCommandTime() {
    return handler == null ? clock.millis() : handler.runtime().now();
  }

  private void replay() {
    long started = System.nanoTime();
    long after = 0;
    Optional<Snapshot> snapshot = snapshots.latest();
    if (snapshot.isPresent()) {
      StateSnapshot.restore(snapshot.get().data(), state, handler.transformer(), clock);
      after = snapshot.get().position();
      previousSnapshotPosition = after;
      lastSnapshotBytes = snapshot.get().data().length;
    }
    int[] count = {0};
    journal.replay(
        after,
        (position, payload) -> {
          bytesSinceSnapshot += payload.length;
          retained.add(new Retained(position, payload.clone()));
          Entry entry = decode(position, payload);
          try {
            handler.apply(entry.command(), entry.time());
          } catch (EngineException e) {
            LOG.warn("journal record {} was rejected on replay: {}", position, e.getMessage());
          } catch (RuntimeException | Error e) {
            if (isFatal(e)) {
              throw e;
            }
            // it failed the same way when it was first applied, and was journaled as it left state
            LOG.warn("journal record {} failed on replay as it did when applied: {}", position, e);
          }
          count[0]++;
        });
    typesWithNewJobs.clear();
    endedInstances.clear();
    endedTransitions.clear();
    for (ProcessInstance instance : state.processInstances.values()) {
      trackEnded(instance);
    }
    recordsSinceSnapshot = count[0];
    LOG.info(
        "state rebuilt from {} and {} journal records in {} ms",
        snapshot.map(s -> "the snapshot at " + s.position()).orElse("no snapshot"),
        count[0],
        (System.nanoTime() - started) / 1_000_000);
  }

  /**
   * Keeps ended process instances this long after they ended (engine time), then removes them with
   * everything that belongs to them; {@link java.time.Duration#ZERO} keeps them forever.
   */
  public void historyRetention(Duration retention) {
    historyRetentionMillis = retention == null ? 0 : retention.toMillis();
  }

  private void trackEnded(ProcessInstance instance) {
    if (instance.state != State.ACTIVE
        && instance.parentProcessInstanceKey == null
        && instance.endDate != null) {
      endedByDate.add(new long[] {instance.endDate, instance.key});
    }
  }

  /** Whether ended instances are due for removal now (engine time). */
  private boolean historyDue() {
    long retention = historyRetentionMillis;
    return retention > 0
        && !endedByDate.isEmpty()
        && endedByDate.first()[0] <= clock.millis() - retention;
  }

  /**
   * Removes one batch of instances that ended longer than the retention ago, as a journaled command
   * so that replay removes exactly the same ones.
   */
  private void removeDueHistory() {
    if (!historyDue()) {
      return;
    }
    long cutoff = clock.millis() - historyRetentionMillis;
    List<Long> keys = new ArrayList<>();
    while (!endedByDate.isEmpty()
        && endedByDate.first()[0] <= cutoff
        && keys.size() < HISTORY_BATCH) {
      keys.add(endedByDate.pollFirst()[1]);
    }
    try {
      applyAndJournal(new Command.RemoveHistory(keys));
    } catch (EngineException e) {
      LOG.error("history removal failed: {}", e.getMessage());
    }
  }

  /** The engine clock that stamps commands. */
  public EngineClock clock() {
    return clock;
  }

  /** Applies a command; the future completes with the response body once it is durable. */
  public CompletableFuture<Object> submit(Command command) {
    return enqueue(new CommandTask(command, new CompletableFuture<>()));
  }

  /** Runs a read against the state on the processor thread, in order with the commands. */
  @SuppressWarnings("unchecked")
  public <T> CompletableFuture<T> read(Function<EngineState, T> read) {
    CompletableFuture<Object> result = new CompletableFuture<>();
    enqueue(new ReadTask((Function<EngineState, Object>) read, result));
    return (CompletableFuture<T>) result;
  }

  /**
   * Activates jobs; when none is ready, waits up to {@code waitMillis} for one to appear and
   * answers with an empty list if none does.
   */
  public CompletableFuture<Object> activate(Command.ActivateJobs command, long waitMillis) {
    return activate(command, waitMillis, new CompletableFuture<>());
  }

  /**
   * Like {@link #activate(Command.ActivateJobs, long)} for a client that may go away while it
   * waits: once {@code gone} completes the waiting request is dropped and gets no job.
   */
  public CompletableFuture<Object> activate(
      Command.ActivateJobs command, long waitMillis, CompletableFuture<Void> gone) {
    return enqueue(new PollTask(command, waitMillis, gone, new CompletableFuture<>()));
  }

  /**
   * Creates an instance and answers once it has completed, with the requested variables (all when
   * empty); fails with a 504 problem after {@code waitMillis}.
   */
  public CompletableFuture<Object> createAndAwait(
      Command.CreateInstance command, List<String> fetchVariables, long waitMillis) {
    return enqueue(new AwaitTask(command, fetchVariables, waitMillis, new CompletableFuture<>()));
  }

  private CompletableFuture<Object> enqueue(Task task) {
    CompletableFuture<Object> result = resultOf(task);
    Throwable failed = failure;
    if (failed != null) {
      result.completeExceptionally(
          new EngineException(
              EngineException.Kind.UNAVAILABLE,
              "The engine stopped after a failure and must be restarted: " + failed));
      return result;
    }
    if (!running) {
      result.completeExceptionally(
          new EngineException(EngineException.Kind.UNAVAILABLE, "The engine is shutting down."));
      return result;
    }
    if (!queue.offer(task)) {
      result.completeExceptionally(
          new EngineException(
              EngineException.Kind.RESOURCE_EXHAUSTED,
              "The engine has "
                  + queue.size()
                  + " requests waiting and takes no more for now; retry after a short back-off."));
    }
    return result;
  }

  private static CompletableFuture<Object> resultOf(Task task) {
    return task.result();
  }

  // ---- the processor thread ---------------------------------------------------------------

  private void loop() {
    List<Task> batch = new ArrayList<>();
    while (running || !queue.isEmpty()) {
      try {
        Task first = queue.poll(millisUntilNextWakeUp(), TimeUnit.MILLISECONDS);
        if (first != null) {
          batch.add(first);
          queue.drainTo(batch, MAX_BATCH - 1);
        }
        for (Task task : batch) {
          process(task);
        }
        serveTimedWork();
        try {
          journal.flush();
        } catch (RuntimeException e) {
          throw new ProcessorFailure("the journal cannot be written: " + e.getMessage(), e);
        }
        answers.forEach(Runnable::run);
        for (Runnable done; (done = fromWriter.poll()) != null; ) {
          done.run();
        }
        if (snapshotDue()) {
          takeSnapshotOrWarn();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (RuntimeException | Error e) {
        // The journal is the truth: state applied but not durable must not be served. Stop.
        LOG.error("the processor failed; the engine stops taking commands", e);
        failAll(batch, e);
        running = false;
        journalFailed = true;
        failure = e;
        Thread notify = new Thread(() -> onFailure.accept(e), "rollgate-failure");
        notify.setDaemon(false);
        notify.start();
      } finally {
        batch.clear();
        answers.clear();
      }
    }
    drainOnShutdown();
    if (!journalFailed && recordsSinceSnapshot > 0) {
      // a graceful stop leaves a snapshot, so the next start replays nothing
      takeSnapshotOrWarn();
    }
    awaitSnapshotInFlight();
  }

  private void awaitSnapshotInFlight() {
    if (snapshotInFlight == null) {
      return;
    }
    try {
      snapshotInFlight.get(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("the last snapshot did not finish; start-up will replay more of the journal", e);
    }
  }

  private void process(Task task) {
    if (task instanceof CommandTask t) {
      applyAndAnswer(t);
    } else if (task instanceof ReadTask t) {
      answer(t.result(), () -> t.read().apply(state));
    } else if (task instanceof PollTask t) {
      poll(t);
    } else if (task instanceof AwaitTask t) {
      createAndRegister(t);
    }
    afterCommand();
  }

  private Object applyAndJournal(Command command) {
    long now = clock.millis();
    Object result;
    try {
      result = handler.apply(command, now);
    } catch (EngineException e) {
      throw e;
    } catch (RuntimeException | Error e) {
      if (isFatal(e)) {
        throw e;
      }
      // State may have changed before the failure; replay repeats it identically, so journal it.
      append(command, now);
      LOG.error("command {} failed", command.getClass().getSimpleName(), e);
      throw new EngineException(
          EngineException.Kind.INTERNAL_ERROR, "The engine failed to apply the command: " + e);
    }
    append(command, now);
    if (command instanceof Command.Purge) {
      endedByDate.clear();
      dropWaiting();
    }
    if (result instanceof ProcessInstance instance) {
      return Views.created(instance, Map.of());
    }
    return result;
  }

  /**
   * Applies a command and answers it, except a user task command whose transition waits for task
   * listeners: that one is answered when they are done.
   */
  private void applyAndAnswer(CommandTask task) {
    try {
      Object value = applyAndJournal(task.command());
      if (value instanceof CommandHandler.AwaitingListeners waiting) {
        transitionWaiters
            .computeIfAbsent(waiting.userTaskKey(), k -> new ArrayList<>())
            .add(task.result());
      } else {
        answers.add(() -> task.result().complete(value));
      }
    } catch (RuntimeException | Error e) {
      Throwable failed = failedRequest(e);
      answers.add(() -> task.result().completeExceptionally(failed));
    }
  }

  /** A failed snapshot loses nothing (the journal has it all), so it must not stop the engine. */
  private void takeSnapshotOrWarn() {
    try {
      takeSnapshot();
    } catch (RuntimeException e) {
      LOG.warn("snapshot failed; start-up will replay more of the journal", e);
    }
  }

  /**
   * Hands a snapshot at the last flushed position to the background writer. The processor only
   * notes the position and the journal records since the newest snapshot; the writer rebuilds that
   * state from the newest snapshot and those records, as start-up would, and writes it. The live
   * state is never read off the processor thread, and the snapshot's state is exactly the state at
   * its position.
   */
  private void takeSnapshot() {
    if (snapshotInFlight != null && !snapshotInFlight.isDone()) {
      return;
    }
    long started = System.nanoTime();
    long position = journal.lastPosition();
    List<Retained> records = List.copyOf(retained);
    recordsSinceSnapshot = 0;
    bytesSinceSnapshot = 0;
    snapshotInFlight = snapshotWriter.submit(new SnapshotJob(position, records));
    lastSnapshotPauseMicros = (System.nanoTime() - started) / 1_000;
    LOG.info(
        "snapshot at journal position {} handed to the background writer; the processor paused {}"
            + " µs",
        position,
        lastSnapshotPauseMicros);
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
      writeSnapshotOrWarn(position, records);
    }
  }

  /** On the writer thread. A failed snapshot loses nothing: the journal and records are kept. */
  private void writeSnapshotOrWarn(long position, List<Retained> records) {
    long started = System.nanoTime();
    try {
      beforeSnapshotWrite.accept(position);
      byte[] data = buildSnapshot(position, records);
      snapshots.write(position, data);
      fromWriter.add(() -> snapshotWritten(position, data.length));
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
  private byte[] buildSnapshot(long position, List<Retained> records) {
    EngineState copy = new EngineState();
    EngineClock copyClock = new EngineClock(Clock.systemUTC());
    CommandHandler[] copyHandler = new CommandHandler[1];
    // Rebuilt as replay rebuilds it: the limits of new deployments off, the replay budget on (a
    // budget of its own, so the writer never waits for the processor's evaluations).
    Feel copyFeel =
        new Feel(
            () -> copyHandler[0] == null ? copyClock.millis() : copyHandler[0].runtime().now(),
            new EvaluationBudget(limits.evaluationTime(), limits.evaluationAllocation()));
    copyFeel.replaying(true);
    copyHandler[0] =
        new CommandHandler(
            copy,
            copyFeel,
            new Outcomes() {
              @Override
              public void jobsAvailable(String type) {}

              @Override
              public void processEnded(ProcessInstance instance) {}

              @Override
              public void userTaskTransitionEnded(long userTaskKey, EngineException rejection) {}
            },
            copyClock);
    copyHandler[0].runtime().maxActivationsPerCommand(limits.maxActivationsPerCommand());
    long after = 0;
    Optional<Snapshot> base = snapshots.latest();
    if (base.isPresent()) {
      StateSnapshot.restore(base.get().data(), copy, copyHandler[0].transformer(), copyClock);
      after = base.get().position();
    }
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
      Entry entry = decode(record.position(), record.payload());
      try {
        copyHandler[0].apply(entry.command(), entry.time());
      } catch (EngineException e) {
        // rejected when it was applied too; replay behaves the same
      } catch (RuntimeException | Error e) {
        if (isFatal(e)) {
          throw e;
        }
        // failed when it was applied too, and was journaled as it left the state
      }
      expected++;
    }
    if (expected != position + 1) {
      throw new IllegalStateException(
          "the journal records up to " + position + " are not all in memory");
    }
    return StateSnapshot.write(copy, copyClock);
  }

  /** On the processor thread, once a snapshot is durable: drop what it made unnecessary. */
  private void snapshotWritten(long position, int bytes) {
    int covered = 0;
    while (covered < retained.size() && retained.get(covered).position() <= position) {
      covered++;
    }
    retained.subList(0, covered).clear();
    journal.deleteSegmentsBefore(previousSnapshotPosition);
    previousSnapshotPosition = position;
    lastSnapshotBytes = bytes;
  }

  /** How long the processor paused to hand off the last snapshot, in microseconds; -1 if none. */
  long lastSnapshotPauseMicros() {
    return lastSnapshotPauseMicros;
  }

  /** Test hook: called on the snapshot writer's thread with the position, before it builds it. */
  void beforeSnapshotWrite(LongConsumer hook) {
    this.beforeSnapshotWrite = hook;
  }

  /**
   * A snapshot pays off once the journal since the last one is as large as the snapshot itself: the
   * cost of snapshots per command stays constant however large the state grows, and start-up never
   * reads more than about twice the snapshot size.
   */
  private boolean snapshotDue() {
    return recordsSinceSnapshot >= snapshotEvery && bytesSinceSnapshot >= lastSnapshotBytes;
  }

  private void append(Command command, long now) {
    recordsSinceSnapshot++;
    try {
      byte[] record = Json.MAPPER.writeValueAsBytes(new Entry(DataFormat.CURRENT, now, command));
      bytesSinceSnapshot += record.length;
      retained.add(new Retained(journal.append(record), record));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode command", e);
    } catch (RuntimeException e) {
      throw new ProcessorFailure("the journal cannot be written: " + e.getMessage(), e);
    }
  }

  private static Entry decode(long position, byte[] payload) {
    try {
      if (Arrays.equals(
          payload, 0, CURRENT_PREFIX.length, CURRENT_PREFIX, 0, CURRENT_PREFIX.length)) {
        return Json.MAPPER.readValue(payload, Entry.class);
      }
      com.fasterxml.jackson.databind.node.ObjectNode record =
          (com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.readTree(payload);
      return Json.MAPPER.treeToValue(
          DataFormat.SHIPPED.journalRecord(record, "at position " + position), Entry.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot decode the journal record at position " + position, e);
    }
  }

  private void answer(CompletableFuture<Object> result, Supplier<Object> work) {
    try {
      Object value = work.get();
      answers.add(() -> result.complete(value));
    } catch (RuntimeException | Error e) {
      Throwable failed = failedRequest(e);
      answers.add(() -> result.completeExceptionally(failed));
    }
  }

  /** What a request gets when serving it threw: fatal errors stop the processor instead. */
  private static Throwable failedRequest(Throwable e) {
    if (isFatal(e)) {
      throw e instanceof Error error ? error : new ProcessorFailure(e.getMessage(), e);
    }
    if (e instanceof RuntimeException) {
      return e;
    }
    LOG.error("a request failed", e);
    return new EngineException(
        EngineException.Kind.INTERNAL_ERROR, "The engine failed to serve the request: " + e);
  }

  private void poll(PollTask task) {
    answer(
        task.result(),
        () -> {
          if (task.gone().isDone()) {
            return new JobViews.JobActivationResult(List.of());
          }
          JobViews.JobActivationResult activated =
              (JobViews.JobActivationResult) applyAndJournalIfAny(task.command());
          if (!activated.jobs().isEmpty() || task.waitMillis() <= 0) {
            return activated;
          }
          polls
              .computeIfAbsent(task.command().type(), k -> new ArrayList<>())
              .add(
                  new PendingPoll(
                      task.command(),
                      wallMillis() + task.waitMillis(),
                      task.gone(),
                      task.result()));
          return null;
        },
        true);
  }

  /** Like {@link #answer} but a null value means: answered later. */
  private void answer(CompletableFuture<Object> result, Supplier<Object> work, boolean deferrable) {
    try {
      Object value = work.get();
      if (value != null || !deferrable) {
        answers.add(() -> result.complete(value));
      }
    } catch (RuntimeException | Error e) {
      Throwable failed = failedRequest(e);
      answers.add(() -> result.completeExceptionally(failed));
    }
  }

  /** An activation that changed nothing (no job was ready or due) is not journaled. */
  private Object applyAndJournalIfAny(Command.ActivateJobs command) {
    long now = clock.millis();
    JobViews.JobActivationResult result = (JobViews.JobActivationResult) handler.apply(command, now);
    if (handler.activationChangedState()) {
      append(command, now);
    }
    return result;
  }

  private void createAndRegister(AwaitTask task) {
    answer(
        task.result(),
        () -> {
          Views.CreateInstanceResult created =
              (Views.CreateInstanceResult) applyAndJournal(task.command());
          long key = Long.parseLong(created.processInstanceKey());
          awaiters
              .computeIfAbsent(key, k -> new ArrayList<>())
              .add(
                  new Awaiter(
                      task.fetchVariables(), wallMillis() + task.waitMillis(), task.result()));
          return null;
        },
        true);
  }

  private void afterCommand() {
    endedTransitions.forEach(
        (key, outcome) -> {
          List<CompletableFuture<Object>> waiting = transitionWaiters.remove(key);
          if (waiting != null) {
            waiting.forEach(
                answer ->
                    answers.add(
                        () -> {
                          if (outcome.isPresent()) {
                            answer.completeExceptionally(outcome.get());
                          } else {
                            answer.complete(null);
                          }
                        }));
          }
        });
    endedTransitions.clear();
    for (ProcessInstance ended : endedInstances) {
      trackEnded(ended);
      List<Awaiter> waiting = awaiters.remove(ended.key);
      if (waiting != null) {
        waiting.forEach(awaiter -> answerAwaiter(ended, awaiter));
      }
    }
    endedInstances.clear();
    if (typesWithNewJobs.isEmpty()) {
      return;
    }
    List<String> types = new ArrayList<>(typesWithNewJobs);
    typesWithNewJobs.clear();
    types.forEach(this::servePolls);
  }

  /** After a purge nothing that was waited for exists any more: answer every waiting request. */
  private void dropWaiting() {
    polls
        .values()
        .forEach(
            list ->
                list.forEach(
                    poll ->
                        answers.add(
                            () ->
                                poll.result().complete(new JobViews.JobActivationResult(List.of())))));
    polls.clear();
    EngineException purged =
        EngineException.invalidState(
            "The engine was purged before the process instance completed.");
    awaiters
        .values()
        .forEach(
            list ->
                list.forEach(
                    awaiter -> answers.add(() -> awaiter.result().completeExceptionally(purged))));
    awaiters.clear();
    transitionWaiters
        .values()
        .forEach(list -> list.forEach(a -> answers.add(() -> a.completeExceptionally(purged))));
    transitionWaiters.clear();
  }

  private void answerAwaiter(ProcessInstance instance, Awaiter awaiter) {
    if (instance.state != State.COMPLETED) {
      answers.add(
          () ->
              awaiter
                  .result()
                  .completeExceptionally(
                      EngineException.invalidState(
                          "The process instance "
                              + instance.key
                              + " was terminated before it completed.")));
      return;
    }
    Map<String, Object> visible = handler.runtime().variables().visible(instance.key);
    Map<String, Object> selected = new LinkedHashMap<>();
    if (awaiter.fetchVariables().isEmpty()) {
      selected.putAll(visible);
    } else {
      awaiter.fetchVariables().stream()
          .filter(visible::containsKey)
          .forEach(name -> selected.put(name, visible.get(name)));
    }
    Views.CreateInstanceResult result = Views.created(instance, selected);
    answers.add(() -> awaiter.result().complete(result));
  }

  private void servePolls(String type) {
    List<PendingPoll> waiting = polls.get(type);
    if (waiting == null) {
      return;
    }
    Iterator<PendingPoll> it = waiting.iterator();
    while (it.hasNext() && (state.jobQueue.hasReady(type) || jobsDue())) {
      PendingPoll poll = it.next();
      if (poll.gone().isDone() || poll.result().isDone()) {
        it.remove();
        continue;
      }
      JobViews.JobActivationResult result =
          (JobViews.JobActivationResult) applyAndJournalIfAny(poll.command());
      if (result.jobs().isEmpty()) {
        break;
      }
      it.remove();
      answers.add(() -> poll.result().complete(result));
    }
    if (waiting.isEmpty()) {
      polls.remove(type);
    }
  }

  /** Each due timer becomes a journaled command, as if someone had sent it. */
  private void fireDueTimers() {
    Timer due;
    while ((due = state.dueTimer(clock.millis())) != null) {
      long key = due.key;
      try {
        applyAndJournal(new Command.TriggerTimer(key));
      } catch (EngineException e) {
        LOG.error("timer {} could not fire: {}", key, e.getMessage());
        break;
      }
      afterCommand();
    }
  }

  /** Whether a held job's deadline or a failed job's back-off has passed in engine time. */
  private boolean jobsDue() {
    return state.jobQueue.nextDue() <= clock.millis();
  }

  /**
   * Request deadlines are wall-clock time: a pinned engine clock must not hold a request forever.
   */
  private static long wallMillis() {
    return System.currentTimeMillis();
  }

  /** Jobs whose back-off or deadline passed, expired polls and expired awaits. */
  private void serveTimedWork() {
    fireDueTimers();
    removeDueHistory();
    if (!polls.isEmpty() && jobsDue()) {
      new ArrayList<>(polls.keySet()).forEach(this::servePolls);
    }
    long now = wallMillis();
    polls.values().forEach(list -> list.removeIf(poll -> expirePoll(poll, now)));
    polls.values().removeIf(List::isEmpty);
    awaiters.values().forEach(list -> list.removeIf(awaiter -> expireAwaiter(awaiter, now)));
    // A request that gave up waiting (its HTTP timeout) leaves; the transition goes on.
    transitionWaiters.values().forEach(list -> list.removeIf(CompletableFuture::isDone));
    transitionWaiters.values().removeIf(List::isEmpty);
    awaiters.values().removeIf(List::isEmpty);
  }

  private boolean expirePoll(PendingPoll poll, long now) {
    if (poll.deadline() > now && !poll.result().isDone() && !poll.gone().isDone()) {
      return false;
    }
    answers.add(() -> poll.result().complete(new JobViews.JobActivationResult(List.of())));
    return true;
  }

  private boolean expireAwaiter(Awaiter awaiter, long now) {
    if (awaiter.deadline() > now) {
      return false;
    }
    answers.add(
        () ->
            awaiter
                .result()
                .completeExceptionally(
                    new EngineException(
                        EngineException.Kind.DEADLINE_EXCEEDED,
                        "The process instance did not complete within the request timeout.")));
    return true;
  }

  private long millisUntilNextWakeUp() {
    long wallNow = wallMillis();
    long next = Long.MAX_VALUE;
    if (!polls.isEmpty()) {
      long jobsDueIn = state.jobQueue.nextDue() - clock.millis();
      next = jobsDueIn < 0 ? wallNow : wallNow + Math.min(jobsDueIn, 1_000);
      for (List<PendingPoll> list : polls.values()) {
        for (PendingPoll poll : list) {
          next = Math.min(next, poll.deadline());
        }
      }
    }
    for (List<Awaiter> list : awaiters.values()) {
      for (Awaiter awaiter : list) {
        next = Math.min(next, awaiter.deadline());
      }
    }
    long timerDueIn = state.nextTimerDue() - clock.millis();
    if (timerDueIn < 1_000) {
      next = Math.min(next, wallNow + Math.max(0, timerDueIn));
    }
    if (historyDue()) {
      next = wallNow;
    }
    if (next == Long.MAX_VALUE) {
      return 1_000;
    }
    return Math.max(1, Math.min(1_000, next - wallNow));
  }

  private void failAll(List<Task> batch, Throwable cause) {
    EngineException failure =
        new EngineException(
            EngineException.Kind.INTERNAL_ERROR, "The engine stopped after a failure: " + cause);
    batch.forEach(task -> resultOf(task).completeExceptionally(failure));
  }

  private void drainOnShutdown() {
    EngineException closing =
        new EngineException(EngineException.Kind.UNAVAILABLE, "The engine is shutting down.");
    List<Task> rest = new ArrayList<>();
    queue.drainTo(rest);
    rest.forEach(task -> resultOf(task).completeExceptionally(closing));
    polls
        .values()
        .forEach(
            list ->
                list.forEach(p -> p.result().complete(new JobViews.JobActivationResult(List.of()))));
    awaiters.values().forEach(list -> list.forEach(a -> a.result().completeExceptionally(closing)));
    transitionWaiters.values().forEach(list -> list.forEach(a -> a.completeExceptionally(closing)));
  }

  /** Stops taking requests, finishes the current batch and closes the journal. */
  @Override
  public void close() {
    running = false;
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    snapshotWriter.shutdown();
    try {
      // the data directory may be opened again as soon as this returns
      if (!snapshotWriter.awaitTermination(60, TimeUnit.SECONDS)) {
        LOG.warn("the snapshot writer did not finish in time");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    journal.close();
  }
}
