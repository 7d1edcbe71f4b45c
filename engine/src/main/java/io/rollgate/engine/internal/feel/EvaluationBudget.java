package io.rollgate.engine.internal.feel;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs evaluations that may not terminate in reasonable time or space (FEEL loops over ranges,
 * recursive functions, regular expressions, decisions) on a worker thread, and stops one that runs
 * longer than its time budget or allocates more than its allocation budget. Time is the worker's
 * CPU time where the JVM measures it, so an evaluation on a busy machine that waits for a core is
 * not stopped for the machine's load; a wall-time backstop of {@link #WALL_FACTOR} times the budget
 * still stops one that never gets to finish. The caller waits, so evaluations stay in order with
 * the commands that need them; a stopped evaluation fails with an {@link EvaluationException} and
 * leaves nothing behind but garbage.
 *
 * <p>FEEL evaluation has no cancellation point, so a runaway worker is stopped with {@link
 * Thread#stop()}: it shares no state with the engine (it reads the variables it was given and
 * builds its own result), and it is never used again.
 */
public final class EvaluationBudget {
  /** Default CPU time one evaluation may take. */
  public static final Duration DEFAULT_TIME = Duration.ofMillis(500);

  /** Default bytes one evaluation may allocate (all allocations, garbage included). */
  public static final long DEFAULT_ALLOCATION = 256L * 1024 * 1024;

  private static final long CHECK_EVERY_MILLIS = 5;

  /** How much more wall time than its time budget an evaluation may take. */
  static final int WALL_FACTOR = 20;

  /** How much more an evaluation may take while the journal is replayed: see {@link #replaying}. */
  static final int REPLAY_FACTOR = 4;

  private final long timeNanos;
  private final long allocationBytes;
  private Worker worker;
  private volatile boolean replaying;

  /**
   * @param time CPU time one evaluation may take
   * @param allocationBytes bytes one evaluation may allocate
   */
  public EvaluationBudget(Duration time, long allocationBytes) {
    if (time.isNegative() || time.isZero() || allocationBytes < 1) {
      throw new IllegalArgumentException(
          "an evaluation budget needs a positive time and allocation, was "
              + time
              + " and "
              + allocationBytes
              + " bytes");
    }
    this.timeNanos = time.toNanos();
    this.allocationBytes = allocationBytes;
  }

  /**
   * While the journal is replayed the budget is {@link #REPLAY_FACTOR} times larger: a cold JVM
   * evaluates more slowly, and an expression that finished when the command was first applied must
   * finish again, or replay would not rebuild the same state. A runaway evaluation exceeds either.
   */
  public void replaying(boolean replaying) {
    this.replaying = replaying;
  }

  /** The default budget: {@link #DEFAULT_TIME}, {@link #DEFAULT_ALLOCATION}. */
  public static EvaluationBudget defaults() {
    return new EvaluationBudget(DEFAULT_TIME, DEFAULT_ALLOCATION);
  }

  /**
   * Runs the work within the budget.
   *
   * @param what names the evaluation in the failure message
   * @throws EvaluationException when the budget is exceeded, the work overflows the stack, or the
   *     work throws one
   */
  public synchronized <T> T run(String what, Callable<T> work) {
    if (worker == null || !worker.thread.isAlive()) {
      worker = new Worker();
    }
    FutureTask<T> task = new FutureTask<>(work);
    worker.tasks.add(task);
    long started = System.nanoTime();
    long cpuBefore = worker.cpuTime();
    long allocatedBefore = worker.allocated();
    while (true) {
      try {
        return task.get(CHECK_EVERY_MILLIS, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        long wall = System.nanoTime() - started;
        long cpu = cpuBefore < 0 ? wall : worker.cpuTime() - cpuBefore;
        long allocated = worker.allocated() - allocatedBefore;
        long factor = replaying ? REPLAY_FACTOR : 1;
        if (cpu > timeNanos * factor
            || wall > timeNanos * factor * WALL_FACTOR
            || allocated > allocationBytes * factor) {
          stopWorker();
          throw new EvaluationException(
              what
                  + " exceeded the evaluation budget of "
                  + timeNanos / 1_000_000
                  + " ms and "
                  + allocationBytes / (1024 * 1024)
                  + " MiB allocated; it was stopped (an unbounded loop or a very large range?)");
        }
      } catch (ExecutionException e) {
        throw failure(what, e.getCause());
      } catch (InterruptedException e) {
        stopWorker();
        Thread.currentThread().interrupt();
        throw new EvaluationException(what + " was interrupted");
      }
    }
  }

  private static RuntimeException failure(String what, Throwable cause) {
    if (cause instanceof RuntimeException runtime) {
      return runtime;
    }
    if (cause instanceof StackOverflowError) {
      return new EvaluationException(what + " is nested too deeply to evaluate");
    }
    if (cause instanceof Error error) {
      throw error;
    }
    return new EvaluationException(what + " failed: " + cause);
  }

  @SuppressWarnings({"deprecation", "removal"})
  private void stopWorker() {
    Worker stopped = worker;
    worker = null;
    stopped.retired = true;
    stopped.thread.stop();
  }

  private static final class Worker {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final AtomicInteger COUNT = new AtomicInteger();

    final LinkedBlockingQueue<FutureTask<?>> tasks = new LinkedBlockingQueue<>();
    final Thread thread;
    volatile boolean retired;

    Worker() {
      thread = new Thread(this::loop, "rollgate-evaluation-" + COUNT.incrementAndGet());
      thread.setDaemon(true);
      // a stopped worker dies of ThreadDeath; that is the plan, not an error to print
      thread.setUncaughtExceptionHandler((t, e) -> {});
      thread.start();
    }

    private void loop() {
      while (!retired) {
        try {
          FutureTask<?> task = tasks.poll(1, TimeUnit.SECONDS);
          if (task != null) {
            task.run();
          }
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    /** CPU nanoseconds the worker has used, or -1 where the JVM does not measure it. */
    long cpuTime() {
      return THREADS.isThreadCpuTimeSupported() && THREADS.isThreadCpuTimeEnabled()
          ? THREADS.getThreadCpuTime(thread.getId())
          : -1;
    }

    long allocated() {
      if (THREADS instanceof com.sun.management.ThreadMXBean sun
          && sun.isThreadAllocatedMemorySupported()) {
        long bytes = sun.getThreadAllocatedBytes(thread.getId());
        return Math.max(bytes, 0);
      }
      return 0;
    }
  }
}
