package io.rollgate.engine.internal.state;

import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeSet;

/**
 * Which jobs a worker may activate, per job type, in key order. Jobs held by a worker (until their
 * deadline) and failed jobs waiting out a retry back-off sit in a time queue and become ready again
 * when their time comes ({@link #promoteDue}).
 */
public final class JobQueue {
  private final Map<String, TreeSet<Long>> ready = new HashMap<>();
  private final PriorityQueue<Timed> timed = new PriorityQueue<>();

  private record Timed(long at, long jobKey) implements Comparable<Timed> {
    @Override
    public int compareTo(Timed o) {
      int byTime = Long.compare(at, o.at);
      return byTime != 0 ? byTime : Long.compare(jobKey, o.jobKey);
    }
  }

  public void makeReady(Job job) {
    ready.computeIfAbsent(job.type, k -> new TreeSet<>()).add(job.key);
  }

  public void remove(Job job) {
    TreeSet<Long> keys = ready.get(job.type);
    if (keys != null) {
      keys.remove(job.key);
    }
  }

  /** Schedules a look at the job at {@code at} (its deadline or the end of its back-off). */
  public void wakeAt(Job job, long at) {
    timed.add(new Timed(at, job.key));
  }

  /**
   * Moves every job whose deadline or back-off has passed by {@code now} to the ready set.
   *
   * @return whether any job became ready
   */
  public boolean promoteDue(long now, Map<Long, Job> jobs) {
    boolean any = false;
    while (!timed.isEmpty() && timed.peek().at <= now) {
      Timed entry = timed.poll();
      Job job = jobs.get(entry.jobKey);
      if (job == null || job.state.isEnded() || job.incidentKey != null) {
        continue;
      }
      if (job.activated && job.deadline != null && job.deadline == entry.at) {
        job.activated = false;
        job.state = JobState.TIMED_OUT;
        makeReady(job);
        any = true;
      } else if (!job.activated && job.retryAt != null && job.retryAt == entry.at) {
        job.retryAt = null;
        makeReady(job);
        any = true;
      }
    }
    return any;
  }

  /** The earliest time a held or backing-off job may become ready, or {@code Long.MAX_VALUE}. */
  public long nextDue() {
    Timed next = timed.peek();
    return next == null ? Long.MAX_VALUE : next.at;
  }

  /** Ready job keys of a type, lowest key first. */
  public Iterator<Long> ready(String type) {
    TreeSet<Long> keys = ready.get(type);
    return keys == null ? Collections.emptyIterator() : keys.iterator();
  }

  public boolean hasReady(String type) {
    TreeSet<Long> keys = ready.get(type);
    return keys != null && !keys.isEmpty();
  }

  public void clear() {
    ready.clear();
    timed.clear();
  }
}
