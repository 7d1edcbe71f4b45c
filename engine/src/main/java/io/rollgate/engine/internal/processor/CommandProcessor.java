package io.rollgate.engine.internal.processor;

import io.rollgate.engine.internal.api.JobViews;
import io.rollgate.engine.internal.api.Views;
import io.rollgate.engine.internal.journal.Journal;
import io.rollgate.engine.internal.journal.Snapshot;
import io.rollgate.engine.internal.journal.SnapshotStore;
import io.rollgate.engine.internal.state.EngineState;
import io.rollgate.engine.internal.state.ProcessInstance;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer: one thread takes commands and reads in arrival order, applies them, appends
 * accepted commands to the journal and, once per batch, flushes the journal before answering any
 * request of that batch (group commit). Nothing is acknowledged before it is durable, and no answer
 * shows state that a crash could take back.
 *
 * <p>Requests that wait for something are held by {@link WaitingRequests}, snapshots are taken by
 * the {@link Snapshotter}, and ended instances leave after their retention ({@link
 * HistoryRetention}).
 */
public final class CommandProcessor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CommandProcessor.class);
  private static final int MAX_BATCH = 2_000;

  private final EngineState state = new EngineState();
  private final EngineClock clock;
  private final Journal journal;
  private final SnapshotStore snapshots;
  private final Snapshotter snapshotter;
  private final CommandHandler handler;

  /** How many requests may wait for the processor by default before new ones are turned away. */
  public static final int DEFAULT_MAX_QUEUED = 10_000;

  private final BlockingQueue<ProcessorTask> queue;
  private final CommandOutcomes outcomes = new CommandOutcomes();
  private final DurableCommands commands;
  private final Answers answers = new Answers();
  private final WaitingRequests waiting;
  private final HistoryRetention history = new HistoryRetention();
  private final TimedWork timedWork;

  private static final long PROCESSOR_STACK_BYTES = 16L * 1024 * 1024;

  private final Thread thread;
  private volatile boolean running = true;
  private boolean journalFailed;
  private final Consumer<Throwable> onFailure;
  private volatile Throwable failure;

  /** Purges completed so far, read without waiting for the processor (the topology reports it). */
  public long completedChanges() {
    return state.changeId;
  }

  /** The failure that stopped the processor, or empty while it runs. */
  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure);
  }

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
    if (maxQueued < 1) {
      throw new IllegalArgumentException("maxQueued must be at least 1, was " + maxQueued);
    }
    this.queue = new LinkedBlockingQueue<>(maxQueued);
    this.journal = journal;
    this.snapshots = snapshots;
    this.snapshotter = new Snapshotter(journal, snapshots, snapshotEvery, limits);
    this.clock = clock;
    this.handler = CommandHandler.create(state, outcomes, clock, limits);
    this.commands = new DurableCommands(handler, journal, snapshotter, clock);
    this.waiting =
        new WaitingRequests(
            answers,
            type -> state.jobQueue.hasReady(type) || TimedWork.jobsDue(state, clock),
            commands::activate,
            key -> handler.runtime().variables().visible(key));
    this.timedWork = new TimedWork(state, clock, commands, outcomes, waiting, history);
    handler.replaying(true);
    replay();
    handler.replaying(false);
    snapshotter.start();
    // A generous stack: models and expressions are bounded at deploy far below what this holds.
    this.thread = new Thread(null, this::loop, "rollgate-processor", PROCESSOR_STACK_BYTES);
    this.thread.start();
  }

  private void replay() {
    long started = System.nanoTime();
    Optional<Snapshot> snapshot = handler.restoreLatest(snapshots);
    snapshot.ifPresent(snapshotter::restoredFrom);
    int[] count = {0};
    journal.replay(
        snapshot.map(Snapshot::position).orElse(0L),
        (position, payload) -> {
          snapshotter.recorded(position, payload.clone());
          Throwable failed = handler.replay(JournalEntry.decode(position, payload));
          if (failed instanceof EngineException e) {
            LOG.warn("journal record {} was rejected on replay: {}", position, e.getMessage());
          } else if (failed != null) {
            // it failed the same way when it was first applied, and was journaled as it left state
            LOG.warn(
                "journal record {} failed on replay as it did when applied: {}", position, failed);
          }
          count[0]++;
        });
    outcomes.clear();
    for (ProcessInstance instance : state.processInstances.values()) {
      history.track(instance);
    }
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
    history.retention(retention);
  }

  /** The engine clock that stamps commands. */
  public EngineClock clock() {
    return clock;
  }

  /** Applies a command; the future completes with the response body once it is durable. */
  public CompletableFuture<Object> submit(Command command) {
    return enqueue(new ProcessorTask.Apply(command, new CompletableFuture<>()));
  }

  /** Runs a read against the state on the processor thread, in order with the commands. */
  @SuppressWarnings("unchecked")
  public <T> CompletableFuture<T> read(Function<EngineState, T> read) {
    CompletableFuture<Object> result = new CompletableFuture<>();
    enqueue(new ProcessorTask.Read((Function<EngineState, Object>) read, result));
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
    return enqueue(new ProcessorTask.Poll(command, waitMillis, gone, new CompletableFuture<>()));
  }

  /**
   * Creates an instance and answers once it has completed, with the requested variables (all when
   * empty); fails with a 504 problem after {@code waitMillis}.
   */
  public CompletableFuture<Object> createAndAwait(
      Command.CreateInstance command, List<String> fetchVariables, long waitMillis) {
    return enqueue(
        new ProcessorTask.Await(command, fetchVariables, waitMillis, new CompletableFuture<>()));
  }

  private CompletableFuture<Object> enqueue(ProcessorTask task) {
    CompletableFuture<Object> result = task.result();
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

  // ---- the processor thread ---------------------------------------------------------------

  private void loop() {
    List<ProcessorTask> batch = new ArrayList<>();
    while (running || !queue.isEmpty()) {
      try {
        ProcessorTask first = queue.poll(timedWork.millisUntilNextWakeUp(), TimeUnit.MILLISECONDS);
        if (first != null) {
          batch.add(first);
          queue.drainTo(batch, MAX_BATCH - 1);
        }
        for (ProcessorTask task : batch) {
          process(task);
        }
        timedWork.serve();
        commands.flush();
        answers.sendAll();
        snapshotter.collectWritten();
        if (snapshotter.due()) {
          snapshotter.takeOrWarn();
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
    if (!journalFailed && snapshotter.anySinceSnapshot()) {
      // a graceful stop leaves a snapshot, so the next start replays nothing
      snapshotter.takeOrWarn();
    }
    snapshotter.awaitInFlight();
  }

  private void process(ProcessorTask task) {
    if (task instanceof ProcessorTask.Apply t) {
      applyAndAnswer(t);
    } else if (task instanceof ProcessorTask.Read t) {
      answers.serve(t.result(), () -> t.read().apply(state));
    } else if (task instanceof ProcessorTask.Poll t) {
      poll(t);
    } else if (task instanceof ProcessorTask.Await t) {
      createAndAwait(t);
    }
    outcomes.deliver(waiting, history);
  }

  /** Applies and journals a command; what a purge or an instance creation means for requests. */
  private Object apply(Command command) {
    Object result = commands.apply(command);
    if (command instanceof Command.Purge) {
      history.clear();
      waiting.purged();
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
  private void applyAndAnswer(ProcessorTask.Apply task) {
    answers.serve(
        task.result(),
        () -> {
          Object value = apply(task.command());
          if (value instanceof UserTaskCommands.AwaitingListeners awaiting) {
            waiting.awaitTransition(awaiting.userTaskKey(), task.result());
            return Answers.LATER;
          }
          return value;
        });
  }

  /** How long the processor paused to hand off the last snapshot, in microseconds; -1 if none. */
  long lastSnapshotPauseMicros() {
    return snapshotter.lastPauseMicros();
  }

  /** Test hook: called on the snapshot writer's thread with the position, before it builds it. */
  void beforeSnapshotWrite(LongConsumer hook) {
    snapshotter.beforeWrite(hook);
  }

  private void poll(ProcessorTask.Poll task) {
    answers.serve(
        task.result(),
        () -> {
          if (task.gone().isDone()) {
            return WaitingRequests.NO_JOBS;
          }
          JobViews.JobActivationResult activated = commands.activate(task.command());
          if (!activated.jobs().isEmpty() || task.waitMillis() <= 0) {
            return activated;
          }
          waiting.holdPoll(
              task.command(),
              TimedWork.wallMillis() + task.waitMillis(),
              task.gone(),
              task.result());
          return Answers.LATER;
        });
  }

  private void createAndAwait(ProcessorTask.Await task) {
    answers.serve(
        task.result(),
        () -> {
          Views.CreateInstanceResult created = (Views.CreateInstanceResult) apply(task.command());
          long key = Long.parseLong(created.processInstanceKey());
          waiting.awaitCompletion(
              key,
              task.fetchVariables(),
              TimedWork.wallMillis() + task.waitMillis(),
              task.result());
          return Answers.LATER;
        });
  }

  private void failAll(List<ProcessorTask> batch, Throwable cause) {
    EngineException failure =
        new EngineException(
            EngineException.Kind.INTERNAL_ERROR, "The engine stopped after a failure: " + cause);
    batch.forEach(task -> task.result().completeExceptionally(failure));
  }

  private void drainOnShutdown() {
    EngineException closing =
        new EngineException(EngineException.Kind.UNAVAILABLE, "The engine is shutting down.");
    List<ProcessorTask> rest = new ArrayList<>();
    queue.drainTo(rest);
    rest.forEach(task -> task.result().completeExceptionally(closing));
    waiting.shutDown(closing);
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
    // the data directory may be opened again as soon as this returns
    snapshotter.close();
    journal.close();
  }
}
