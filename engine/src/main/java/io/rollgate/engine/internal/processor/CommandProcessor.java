package io.rollgate.engine.internal.processor;

import io.rollgate.engine.internal.api.JobViews;
import io.rollgate.engine.internal.api.Views;
import io.rollgate.engine.internal.feel.EvaluationBudget;
import io.rollgate.engine.internal.feel.Feel;
import io.rollgate.engine.internal.journal.Journal;
import io.rollgate.engine.internal.journal.Snapshot;
import io.rollgate.engine.internal.journal.SnapshotStore;
import io.rollgate.engine.internal.state.EngineState;
import io.rollgate.engine.internal.state.ProcessInstance;
import io.rollgate.engine.internal.state.Timer;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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

  private final BlockingQueue<Task> queue;
  private final Set<String> typesWithNewJobs = new LinkedHashSet<>();
  private final Map<Long, Optional<EngineException>> endedTransitions = new LinkedHashMap<>();
  private final List<ProcessInstance> endedInstances = new ArrayList<>();
  private final List<Runnable> answers = new ArrayList<>();
  private final WaitingRequests waiting;
  private final HistoryRetention history = new HistoryRetention();

  private static final long PROCESSOR_STACK_BYTES = 16L * 1024 * 1024;

  private final Thread thread;
  private volatile boolean running = true;
  private boolean journalFailed;
  private final Consumer<Throwable> onFailure;
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
    this.waiting =
        new WaitingRequests(
            answers,
            type -> state.jobQueue.hasReady(type) || jobsDue(),
            this::applyAndJournalIfAny,
            key -> handler.runtime().variables().visible(key));
    feel.replaying(true);
    replay();
    feel.replaying(false);
    snapshotter.start();
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
      snapshotter.restoredFrom(snapshot.get());
    }
    int[] count = {0};
    journal.replay(
        after,
        (position, payload) -> {
          snapshotter.recorded(position, payload.clone());
          JournalEntry entry = JournalEntry.decode(position, payload);
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

  /**
   * Removes one batch of instances that ended longer than the retention ago, as a journaled command
   * so that replay removes exactly the same ones.
   */
  private void removeDueHistory() {
    List<Long> keys = history.takeDue(clock.millis());
    if (keys.isEmpty()) {
      return;
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
  private void applyAndAnswer(CommandTask task) {
    try {
      Object value = applyAndJournal(task.command());
      if (value instanceof UserTaskCommands.AwaitingListeners awaiting) {
        waiting.awaitTransition(awaiting.userTaskKey(), task.result());
      } else {
        answers.add(() -> task.result().complete(value));
      }
    } catch (RuntimeException | Error e) {
      Throwable failed = failedRequest(e);
      answers.add(() -> task.result().completeExceptionally(failed));
    }
  }

  /** How long the processor paused to hand off the last snapshot, in microseconds; -1 if none. */
  long lastSnapshotPauseMicros() {
    return snapshotter.lastPauseMicros();
  }

  /** Test hook: called on the snapshot writer's thread with the position, before it builds it. */
  void beforeSnapshotWrite(LongConsumer hook) {
    snapshotter.beforeWrite(hook);
  }

  private void append(Command command, long now) {
    byte[] record = JournalEntry.encode(now, command);
    long position;
    try {
      position = journal.append(record);
    } catch (RuntimeException e) {
      throw new ProcessorFailure("the journal cannot be written: " + e.getMessage(), e);
    }
    snapshotter.recorded(position, record);
  }

  private void answer(CompletableFuture<Object> result, Supplier<Object> work) {
    answer(result, work, false);
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
          waiting.holdPoll(
              task.command(), wallMillis() + task.waitMillis(), task.gone(), task.result());
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
  private JobViews.JobActivationResult applyAndJournalIfAny(Command.ActivateJobs command) {
    long now = clock.millis();
    JobViews.JobActivationResult result =
        (JobViews.JobActivationResult) handler.apply(command, now);
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
          waiting.awaitCompletion(
              key, task.fetchVariables(), wallMillis() + task.waitMillis(), task.result());
          return null;
        },
        true);
  }

  private void afterCommand() {
    endedTransitions.forEach(waiting::transitionEnded);
    endedTransitions.clear();
    for (ProcessInstance ended : endedInstances) {
      history.track(ended);
      waiting.instanceEnded(ended);
    }
    endedInstances.clear();
    if (typesWithNewJobs.isEmpty()) {
      return;
    }
    List<String> types = new ArrayList<>(typesWithNewJobs);
    typesWithNewJobs.clear();
    types.forEach(waiting::servePolls);
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
    if (waiting.holdsPolls() && jobsDue()) {
      waiting.serveAllPolls();
    }
    waiting.expire(wallMillis());
  }

  private long millisUntilNextWakeUp() {
    long wallNow = wallMillis();
    long next = waiting.nextWakeUp(wallNow, state.jobQueue.nextDue() - clock.millis());
    long timerDueIn = state.nextTimerDue() - clock.millis();
    if (timerDueIn < 1_000) {
      next = Math.min(next, wallNow + Math.max(0, timerDueIn));
    }
    if (history.due(clock.millis())) {
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
    batch.forEach(task -> task.result().completeExceptionally(failure));
  }

  private void drainOnShutdown() {
    EngineException closing =
        new EngineException(EngineException.Kind.UNAVAILABLE, "The engine is shutting down.");
    List<Task> rest = new ArrayList<>();
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
