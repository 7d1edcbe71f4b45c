package io.rollgate.engine.internal.processor;

import io.rollgate.engine.internal.api.JobViews;
import io.rollgate.engine.internal.journal.Journal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies commands at the engine clock's time and appends each one that changed state to the
 * journal with that time, so that replay applies it again the same way. A journal that cannot be
 * written is a {@link ProcessorFailure}.
 */
final class DurableCommands {
  private static final Logger LOG = LoggerFactory.getLogger(DurableCommands.class);

  private final CommandHandler handler;
  private final Journal journal;
  private final Snapshotter snapshotter;
  private final EngineClock clock;

  DurableCommands(
      CommandHandler handler, Journal journal, Snapshotter snapshotter, EngineClock clock) {
    this.handler = handler;
    this.journal = journal;
    this.snapshotter = snapshotter;
    this.clock = clock;
  }

  /**
   * Applies and journals a command.
   *
   * @throws EngineException when it was rejected (nothing changed, nothing journaled), or failed
   *     ({@code INTERNAL_ERROR}; journaled, since it may have changed state before it failed)
   */
  Object apply(Command command) {
    long now = clock.millis();
    Object result;
    try {
      result = handler.apply(command, now);
    } catch (EngineException e) {
      throw e;
    } catch (RuntimeException | Error e) {
      if (ProcessorFailure.isFatal(e)) {
        throw e;
      }
      // State may have changed before the failure; replay repeats it identically, so journal it.
      append(command, now);
      LOG.error("command {} failed", command.getClass().getSimpleName(), e);
      throw new EngineException(
          EngineException.Kind.INTERNAL_ERROR, "The engine failed to apply the command: " + e);
    }
    append(command, now);
    return result;
  }

  /** An activation that changed nothing (no job was ready or due) is not journaled. */
  JobViews.JobActivationResult activate(Command.ActivateJobs command) {
    long now = clock.millis();
    JobViews.JobActivationResult result =
        (JobViews.JobActivationResult) handler.apply(command, now);
    if (handler.activationChangedState()) {
      append(command, now);
    }
    return result;
  }

  /** Makes the batch's records durable before any of its requests is answered. */
  void flush() {
    try {
      journal.flush();
    } catch (RuntimeException e) {
      throw new ProcessorFailure("the journal cannot be written: " + e.getMessage(), e);
    }
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
}
