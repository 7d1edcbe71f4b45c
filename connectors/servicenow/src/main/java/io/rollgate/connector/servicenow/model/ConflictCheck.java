package io.rollgate.connector.servicenow.model;

import java.util.List;
import java.util.Locale;

/**
 * The state of a change's conflict check ({@code GET /change/{sys_id}/conflict}).
 *
 * <p>ServiceNow sets {@code status} to "Conflict" after every completed run, also when it found
 * none: only {@link #conflicts()} tells whether there are any.
 *
 * @param status "Not Run", a running marker, or "Conflict" once complete
 * @param lastRun when the last run started, {@code yyyy-MM-dd HH:mm:ss}; empty before the first
 */
public record ConflictCheck(
    String status, String jobStatus, String lastRun, String recordCount, List<Conflict> conflicts) {

  public ConflictCheck {
    conflicts = List.copyOf(conflicts);
  }

  /** Whether a run completed and its result can be read. */
  public boolean finished() {
    String s = status == null ? "" : status.trim().toLowerCase(Locale.ROOT);
    return !s.isEmpty() && !s.equals("not run") && !s.equals("running");
  }

  /** Whether the completed run found any conflict; {@code status} says nothing about it. */
  public boolean hasConflicts() {
    return !conflicts.isEmpty();
  }
}
