package io.rollgate.workers.rollout;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.rollgate.processes.Lifecycle;
import io.rollgate.workers.job.InvalidVariableException;

/**
 * {@code launchdarkly-set-rollout}: serves the flag's {@code true} variation to the wave's
 * percentage of contexts, turns targeting on, and confirms through the SDK that it is served.
 */
final class SetRolloutWorker {

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

  @JobWorker(type = Lifecycle.Jobs.LAUNCHDARKLY_SET_ROLLOUT)
  public Output handle(@VariablesAsType Input input) {
    String comment = "Rollgate release " + input.releaseId() + ": wave " + input.wave() + "%";
    return new Output(rollout.serve(input.flagKey(), input.wave(), true, comment));
  }
}
