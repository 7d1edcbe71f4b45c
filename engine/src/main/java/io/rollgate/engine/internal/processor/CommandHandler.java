package io.rollgate.engine.internal.processor;

import io.rollgate.engine.internal.api.Views;
import io.rollgate.engine.internal.feel.EvaluationBudget;
import io.rollgate.engine.internal.feel.Feel;
import io.rollgate.engine.internal.journal.Snapshot;
import io.rollgate.engine.internal.journal.SnapshotStore;
import io.rollgate.engine.internal.model.ModelTransformer;
import io.rollgate.engine.internal.state.EngineState;
import java.time.Instant;
import java.util.Optional;

/**
 * Applies commands to the state, each by the handler of its family ({@link DeploymentCommands},
 * {@link InstanceCommands}, {@link JobCommands}, {@link UserTaskCommands}). Each handler first
 * checks everything that could reject the command and throws {@link EngineException} before it
 * changes anything, so a rejected command leaves no trace and need not be journaled.
 */
final class CommandHandler {
  static final String DEFAULT_TENANT = "<default>";

  private final EngineState state;
  private final Feel feel;
  private final Runtime runtime;
  private final ModelTransformer transformer;
  private final EngineClock clock;
  private final DeploymentCommands deployments;
  private final InstanceCommands instances;
  private final JobCommands jobs;
  private final UserTaskCommands userTasks;
  private final CommandHandlers handlers;

  private CommandHandler(EngineState state, Feel feel, Outcomes outcomes, EngineClock clock) {
    this.state = state;
    this.feel = feel;
    this.clock = clock;
    this.runtime = new Runtime(state, feel, outcomes);
    this.transformer = new ModelTransformer(feel);
    this.deployments = new DeploymentCommands(state, runtime, transformer);
    this.instances = new InstanceCommands(state, runtime);
    this.jobs = new JobCommands(state, runtime, outcomes);
    this.userTasks = new UserTaskCommands(state, runtime);
    this.handlers = handlers();
  }

  /**
   * A handler of the state whose FEEL evaluations see the time of the command being applied and run
   * within the limits' budget, and whose commands activate at most as many elements as the limits
   * allow.
   */
  static CommandHandler create(
      EngineState state, Outcomes outcomes, EngineClock clock, Limits limits) {
    CommandHandler[] handler = new CommandHandler[1];
    Feel feel =
        new Feel(
            () -> handler[0] == null ? clock.millis() : handler[0].runtime.now(),
            new EvaluationBudget(limits.evaluationTime(), limits.evaluationAllocation()));
    handler[0] = new CommandHandler(state, feel, outcomes, clock);
    handler[0].runtime.maxActivationsPerCommand(limits.maxActivationsPerCommand());
    return handler[0];
  }

  /**
   * While replaying, evaluations get the larger replay budget and deploy-time limits are off, so
   * that what was applied once applies again.
   */
  void replaying(boolean replaying) {
    feel.replaying(replaying);
  }

  /** Restores the state from the newest snapshot, if there is one. */
  Optional<Snapshot> restoreLatest(SnapshotStore snapshots) {
    Optional<Snapshot> latest = snapshots.latest();
    latest.ifPresent(s -> StateSnapshot.restore(s.data(), state, transformer, clock));
    return latest;
  }

  /**
   * Applies a journaled command again at its recorded time.
   *
   * @return null, or the failure it met again as it did when it was first applied (it was journaled
   *     as it left the state): an {@link EngineException} for a rejection
   * @throws Error a fatal failure ({@link ProcessorFailure#isFatal})
   */
  Throwable replay(JournalEntry entry) {
    try {
      apply(entry.command(), entry.time());
      return null;
    } catch (RuntimeException | Error e) {
      if (ProcessorFailure.isFatal(e)) {
        throw e;
      }
      return e;
    }
  }

  /** The latest job deadline: the end of year 9999, as far as dates are written. */
  static final long LATEST_DEADLINE = Instant.parse("9999-12-31T23:59:59Z").toEpochMilli();

  /** {@code now + timeout}, capped at {@link #LATEST_DEADLINE} instead of overflowing. */
  static long deadline(long now, long timeout) {
    return timeout >= LATEST_DEADLINE - now ? LATEST_DEADLINE : now + timeout;
  }

  Runtime runtime() {
    return runtime;
  }

  /**
   * Whether the last job activation changed state: it handed out jobs, or found held or backing-off
   * jobs whose time had come. Only then does it need to be journaled.
   */
  boolean activationChangedState() {
    return jobs.activationChangedState();
  }

  /** Applies a command at the given time and returns the response body (or null for 204). */
  Object apply(Command command, long now) {
    runtime.at(now);
    return handlers.apply(command);
  }

  /** One handler per kind of command; {@link CommandHandlers} refuses a command left out. */
  private CommandHandlers handlers() {
    return new CommandHandlers()
        .on(Command.Deploy.class, deployments::deploy)
        .on(Command.EvaluateDecision.class, deployments::evaluateDecision)
        .on(Command.CreateInstance.class, instances::create)
        .on(Command.CancelInstance.class, instances::cancel)
        .on(Command.SetVariables.class, instances::setVariables)
        .on(Command.ResolveIncident.class, instances::resolve)
        .on(Command.PublishMessage.class, instances::publish)
        .on(Command.CorrelateMessage.class, instances::correlate)
        .on(Command.BroadcastSignal.class, instances::broadcast)
        .on(Command.TriggerTimer.class, instances::trigger)
        .on(Command.ActivateJobs.class, jobs::activate)
        .on(Command.CompleteJob.class, jobs::completeJob)
        .on(Command.FailJob.class, jobs::failJob)
        .on(Command.ThrowError.class, jobs::throwError)
        .on(Command.UpdateJob.class, jobs::updateJob)
        .on(Command.ReleaseJobs.class, jobs::releaseJobs)
        .on(Command.AssignUserTask.class, userTasks::assign)
        .on(Command.UpdateUserTask.class, userTasks::update)
        .on(Command.CompleteUserTask.class, userTasks::completeUserTask)
        .on(Command.PinClock.class, c -> clock(() -> clock.pin(c.epochMillis())))
        .on(Command.AdvanceClock.class, c -> clock(() -> clock.add(c.offsetMillis())))
        .on(Command.ResetClock.class, c -> clock(clock::reset))
        .on(Command.RemoveHistory.class, c -> History.remove(state, c.processInstanceKeys()))
        .on(Command.Purge.class, c -> purge())
        .complete();
  }

  private Views.ClockView clock(Runnable change) {
    change.run();
    return Views.clock(clock.millis());
  }

  private Views.PurgeResult purge() {
    state.purge();
    return new Views.PurgeResult(state.changeId);
  }
}
