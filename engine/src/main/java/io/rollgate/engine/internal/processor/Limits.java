package io.rollgate.engine.internal.processor;

import io.rollgate.engine.internal.feel.EvaluationBudget;
import java.time.Duration;

/**
 * Bounds on the work one command may cause, so that a careless or hostile model or variable fails
 * on its own (an incident, a rejected request) instead of holding or stopping the engine.
 *
 * @param evaluationTime wall time one looping FEEL evaluation or decision may take
 * @param evaluationAllocation bytes one looping FEEL evaluation or decision may allocate
 * @param maxActivationsPerCommand element activations one command may cause before the element
 *     about to be activated gets an incident (a cycle without a wait state)
 */
public record Limits(
    Duration evaluationTime, long evaluationAllocation, int maxActivationsPerCommand) {

  /** Default of {@link #maxActivationsPerCommand()}. */
  public static final int DEFAULT_MAX_ACTIVATIONS = 100_000;

  public Limits {
    if (evaluationTime == null || evaluationTime.isNegative() || evaluationTime.isZero()) {
      throw new IllegalArgumentException("evaluationTime must be positive, was " + evaluationTime);
    }
    if (evaluationAllocation < 1) {
      throw new IllegalArgumentException(
          "evaluationAllocation must be positive, was " + evaluationAllocation);
    }
    if (maxActivationsPerCommand < 1) {
      throw new IllegalArgumentException(
          "maxActivationsPerCommand must be at least 1, was " + maxActivationsPerCommand);
    }
  }

  /** 500 ms and 256 MiB per evaluation, 100,000 activations per command. */
  public static Limits defaults() {
    return new Limits(
        EvaluationBudget.DEFAULT_TIME,
        EvaluationBudget.DEFAULT_ALLOCATION,
        DEFAULT_MAX_ACTIVATIONS);
  }
}
