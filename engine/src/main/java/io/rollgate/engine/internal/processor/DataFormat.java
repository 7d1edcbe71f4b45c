package io.rollgate.engine.internal.processor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The version of what the engine persists: journal records (commands) and state snapshots. Each is
 * written with {@link #CURRENT}; reading migrates older ones step by step on their JSON tree before
 * they are bound, and refuses ones written by a newer engine.
 *
 * <p>Format 1 is the engine's first data format; records and snapshots written before versioning
 * carry no version and are format 1. To change a persisted record or a state class in a way old
 * data does not bind to (a rename, a removal, a changed meaning): raise {@link #CURRENT} and add a
 * step to {@link #SHIPPED} that turns the previous format's tree into the new one. Adding a field
 * that may be absent needs no step. The committed data directory fixtures (engine tests, {@code
 * data-fixtures/}) fail the build when a change needs a step and has none.
 */
final class DataFormat {

  /** The format this engine writes. */
  static final int CURRENT = 1;

  /** Every migration this engine ships: none yet, as only format 1 exists. */
  static final DataFormat SHIPPED = new DataFormat(CURRENT, List.of(), List.of());

  /** The field a journal record or snapshot carries its format in. */
  static final String FIELD = "format";

  private final int current;
  private final List<UnaryOperator<ObjectNode>> journalSteps;
  private final List<UnaryOperator<ObjectNode>> snapshotSteps;

  /**
   * @param journalSteps element {@code i} turns a format {@code i + 1} journal record into format
   *     {@code i + 2}
   * @param snapshotSteps likewise for snapshots
   */
  DataFormat(
      int current,
      List<UnaryOperator<ObjectNode>> journalSteps,
      List<UnaryOperator<ObjectNode>> snapshotSteps) {
    if (journalSteps.size() != current - 1 || snapshotSteps.size() != current - 1) {
      throw new IllegalArgumentException(
          "format " + current + " needs " + (current - 1) + " migration steps for each kind");
    }
    this.current = current;
    this.journalSteps = List.copyOf(journalSteps);
    this.snapshotSteps = List.copyOf(snapshotSteps);
  }

  int current() {
    return current;
  }

  /**
   * A journal record in the current format.
   *
   * @param where the record, for the message when it cannot be read
   * @throws UnreadableDataException when a newer engine wrote it
   */
  ObjectNode journalRecord(ObjectNode record, String where) {
    return upgrade(record, journalSteps, "journal record " + where);
  }

  /**
   * A snapshot's state in the current format.
   *
   * @throws UnreadableDataException when a newer engine wrote it
   */
  ObjectNode snapshot(ObjectNode snapshot, String where) {
    return upgrade(snapshot, snapshotSteps, "snapshot " + where);
  }

  private ObjectNode upgrade(ObjectNode tree, List<UnaryOperator<ObjectNode>> steps, String what) {
    int format = versionOf(tree);
    if (format > current || format < 1) {
      throw new UnreadableDataException(
          "the "
              + what
              + " has data format "
              + format
              + ", which this engine cannot read (it reads formats 1 to "
              + current
              + "); it was written by a newer engine: run that engine, or a newer one, on this"
              + " data directory");
    }
    for (int from = format; from < current; from++) {
      tree = steps.get(from - 1).apply(tree);
    }
    tree.put(FIELD, current);
    return tree;
  }

  /** The format a tree was written in; 1 when it predates versioning. */
  static int versionOf(ObjectNode tree) {
    return tree.has(FIELD) ? tree.get(FIELD).asInt(-1) : 1;
  }

  /** Persisted data this engine cannot read. */
  static final class UnreadableDataException extends IllegalStateException {
    UnreadableDataException(String message) {
      super(message);
    }
  }
}
