package io.rollgate.workers.rollout;

import io.rollgate.processes.Lifecycle;
import io.rollgate.workers.job.InvalidVariableException;
import io.rollgate.workers.job.Worker;

/**
 * {@code launchdarkly-set-rollout}: serves the flag's {@code true} variation to the wave's
 * percentage of contexts, turns targeting on, and confirms through the SDK that it is served.
 */
final class SetRolloutWorker implements Worker<SetRolloutWorker.Input, SetRolloutWorker.Output> {

  record Input(String releaseId, String flagKey, int wave) {
    Input {
      InvalidVariableException.require(
          wave >= 0 && wave <= 100,
          Lifecycle.Variables.WAVE,
          "is " + wave + "; a wave is a percentage, 0..100");
    }
  }

  /**
   * @param flagVersion the flag's version in the environment with this wave served
   */
  record Output(int flagVersion) {}

  private final FlagRollout rollout;

  SetRolloutWorker(FlagRollout rollout) {
    this.rollout = rollout;
  }

  @Override
  public String jobType() {
    return Lifecycle.Jobs.LAUNCHDARKLY_SET_ROLLOUT;
  }

  @Override
  public Class<Input> inputType() {
    return Input.class;
  }

  @Override
  public Output handle(Input input) {
    String comment = "Rollgate release " + input.releaseId() + ": wave " + input.wave() + "%";
    return new Output(rollout.serve(input.flagKey(), input.wave(), true, comment));
  }
}
