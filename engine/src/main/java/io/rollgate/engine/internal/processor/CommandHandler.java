package io.rollgate.engine.internal.processor;

import io.rollgate.engine.internal.api.Views;
import io.rollgate.engine.internal.feel.Feel;
import io.rollgate.engine.internal.model.ModelTransformer;
import io.rollgate.engine.internal.state.EngineState;
import java.time.Instant;

/**
 * Applies commands to the state, each by the handler of its family ({@link DeploymentCommands},
 * {@link InstanceCommands}, {@link JobCommands}, {@link UserTaskCommands}). Each handler first
 * checks everything that could reject the command and throws {@link EngineException} before it
 * changes anything, so a rejected command leaves no trace and need not be journaled.
 */
final class CommandHandler {
  static final String DEFAULT_TENANT = "<default>";

  private final EngineState state;
  private final Runtime runtime;
  private final ModelTransformer transformer;
  private final EngineClock clock;
  private final DeploymentCommands deployments;
  private final InstanceCommands instances;
  private final JobCommands jobs;
  private final UserTaskCommands userTasks;
  private final CommandHandlers handlers;

  CommandHandler(EngineState state, Feel feel, Outcomes outcomes, EngineClock clock) {
    this.state = state;
    this.clock = clock;
    this.runtime = new Runtime(state, feel, outcomes);
    this.transformer = new ModelTransformer(feel);
    this.deployments = new DeploymentCommands(state, runtime, transformer);
    this.instances = new InstanceCommands(state, runtime);
    this.jobs = new JobCommands(state, runtime, outcomes);
    this.userTasks = new UserTaskCommands(state, runtime);
    this.handlers = handlers();
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

  ModelTransformer transformer() {
    return transformer;
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
