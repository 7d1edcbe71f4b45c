package io.rollgate.app.jobs;

import io.camunda.client.jobhandling.JobWorkerManager;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * On shutdown, before the Camunda client closes: stop asking the engine for jobs, then let the jobs
 * already running finish and report their result, for up to the drain timeout. A job cut off after
 * that was never completed, so the engine hands it out again after its job timeout: nothing a
 * worker acknowledged is lost, and nothing is done twice at once.
 */
final class JobDrain implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(JobDrain.class);

  private final JobWorkerManager workers;
  private final ScheduledExecutorService threads;
  private final Duration timeout;
  private volatile boolean running;

  JobDrain(JobWorkerManager workers, ScheduledExecutorService threads, Duration timeout) {
    this.workers = workers;
    this.threads = threads;
    this.timeout = timeout;
  }

  @Override
  public void start() {
    running = true;
  }

  @Override
  public void stop() {
    running = false;
    LOG.info("shutdown: no new jobs; waiting up to {} for running jobs", timeout);
    workers.closeAllOpenWorkers();
    threads.shutdown();
    try {
      if (threads.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.info("shutdown: running jobs finished");
      } else {
        int cut = threads.shutdownNow().size();
        LOG.warn(
            "shutdown: jobs still running after {} were stopped ({} queued); the engine hands"
                + " them out again after their job timeout",
            timeout,
            cut);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      threads.shutdownNow();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Stopped before the web server's graceful shutdown and before the client closes. */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE;
  }
}
