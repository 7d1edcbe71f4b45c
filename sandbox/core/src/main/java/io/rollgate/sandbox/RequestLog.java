package io.rollgate.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Every request a simulator received, in order, with the status it answered (0 for a reset). */
public final class RequestLog {

  public record Entry(Instant at, String method, String path, int status) {}

  private static final int MAX_ENTRIES = 10_000;

  private final List<Entry> entries = new ArrayList<>();
  private long total;

  synchronized void add(Entry entry) {
    total++;
    if (entries.size() == MAX_ENTRIES) {
      entries.remove(0);
    }
    entries.add(entry);
  }

  public synchronized List<Entry> entries() {
    return List.copyOf(entries);
  }

  /** How many requests arrived since the last {@link #clear()}, beyond the entries kept. */
  public synchronized long total() {
    return total;
  }

  public synchronized void clear() {
    total = 0;
    entries.clear();
  }
}
