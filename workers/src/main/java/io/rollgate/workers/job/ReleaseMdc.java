package io.rollgate.workers.job;

import java.util.HashMap;
import java.util.Map;
import org.slf4j.MDC;

/**
 * Puts the release and change a piece of work is about into the logging MDC ({@code release_id},
 * {@code change_number}) for as long as it runs, and restores what was there before:
 *
 * <pre>{@code
 * try (ReleaseMdc mdc = ReleaseMdc.of(releaseId, changeNumber)) { ... }
 * }</pre>
 *
 * A null value leaves that key as it was.
 */
public final class ReleaseMdc implements AutoCloseable {

  public static final String RELEASE_ID = "release_id";
  public static final String CHANGE_NUMBER = "change_number";

  private final Map<String, String> previous = new HashMap<>();

  private ReleaseMdc() {}

  public static ReleaseMdc of(String releaseId, String changeNumber) {
    ReleaseMdc mdc = new ReleaseMdc();
    mdc.put(RELEASE_ID, releaseId);
    mdc.put(CHANGE_NUMBER, changeNumber);
    return mdc;
  }

  /** Adds the change once it is known, for the rest of this scope. */
  public ReleaseMdc change(String changeNumber) {
    put(CHANGE_NUMBER, changeNumber);
    return this;
  }

  private void put(String key, String value) {
    if (value == null || value.isBlank()) {
      return;
    }
    previous.putIfAbsent(key, MDC.get(key));
    MDC.put(key, value);
  }

  @Override
  public void close() {
    previous.forEach(
        (key, value) -> {
          if (value == null) {
            MDC.remove(key);
          } else {
            MDC.put(key, value);
          }
        });
  }
}
