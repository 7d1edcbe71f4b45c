package io.rollgate.workers.readiness;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.rollgate.connector.RetryableException;
import io.rollgate.connector.launchdarkly.EvaluationContext;
import io.rollgate.connector.launchdarkly.FlagEvaluator;
import io.rollgate.processes.Lifecycle;

/**
 * {@code launchdarkly-freeze-flag}: whether a release freeze is on for the service, as the SDK
 * evaluates the freeze flag for a context of kind {@code service} keyed by the service.
 */
final class FreezeFlagWorker {

  static final String CONTEXT_KIND = "service";

  record Input(String service) {}

  record Output(boolean freeze) {}

  private final FlagEvaluator evaluator;
  private final String flagKey;

  FreezeFlagWorker(FlagEvaluator evaluator, String flagKey) {
    this.evaluator = evaluator;
    this.flagKey = flagKey;
  }

  @JobWorker(type = Lifecycle.Jobs.LAUNCHDARKLY_FREEZE_FLAG)
  public Output handle(@VariablesAsType Input input) {
    // Without flag data the SDK would answer the fallback: "no freeze" must not come from silence.
    if (!evaluator.isReady()) {
      throw new RetryableException(
          "launchdarkly", 0, "the SDK has no flag data yet to evaluate " + flagKey, null, null);
    }
    return new Output(
        evaluator.boolVariation(
            flagKey, EvaluationContext.of(CONTEXT_KIND, input.service()), false));
  }
}
