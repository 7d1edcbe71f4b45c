package io.rollgate.workers.rollout;

import io.rollgate.connector.NonRetryableException;
import io.rollgate.connector.RetryableException;
import io.rollgate.connector.launchdarkly.ApprovalRequest;
import io.rollgate.connector.launchdarkly.ApprovalRequiredException;
import io.rollgate.connector.launchdarkly.FlagChange;
import io.rollgate.connector.launchdarkly.FlagEvaluator;
import io.rollgate.connector.launchdarkly.FlagRef;
import io.rollgate.connector.launchdarkly.FlagState;
import io.rollgate.connector.launchdarkly.LaunchDarklyClient;
import io.rollgate.connector.launchdarkly.PropagationCheck;
import io.rollgate.connector.launchdarkly.PropagationTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Serves a boolean flag's {@code true} variation to a percentage of contexts through its
 * fallthrough rollout in the configured environment, and confirms that the SDK holds the result. A
 * change the flag already reflects is not sent again, so repeating a wave changes nothing.
 */
final class FlagRollout {

  static final String SYSTEM = "launchdarkly";

  private final LaunchDarklyClient launchDarkly;
  private final PropagationCheck propagation;
  private final String project;
  private final String environment;
  private final Duration propagationTimeout;
  private final FlagApprovalWait approvals;

  FlagRollout(
      LaunchDarklyClient launchDarkly,
      FlagEvaluator evaluator,
      String project,
      String environment,
      Duration propagationTimeout,
      FlagApprovalWait approvals) {
    this.launchDarkly = launchDarkly;
    this.propagation = new PropagationCheck(evaluator, Clock.systemUTC());
    this.project = project;
    this.environment = environment;
    this.propagationTimeout = propagationTimeout;
    this.approvals = approvals;
  }

  /**
   * @param percent 0..100 of contexts get {@code true}
   * @param turnOn whether targeting is turned on too (it serves the off variation while off)
   * @param comment for the flag's audit log
   * @return the flag's version in the environment after the change, as the SDK now holds it
   * @throws NonRetryableException when the flag is not boolean or the change did not reach the SDK
   *     in time
   * @throws io.camunda.client.exception.BpmnError where the environment requires approval and the
   *     change's approval request is declined or not approved in time (see {@link
   *     FlagApprovalWait})
   */
  int serve(String flagKey, int percent, boolean turnOn, String comment) {
    FlagRef ref = FlagRef.of(project, flagKey, environment);
    FlagState flag = launchDarkly.getFlag(ref);
    FlagChange.Rollout rollout =
        FlagChange.Rollout.twoWay(
            variation(flag, true),
            variation(flag, false),
            percent * (FlagChange.FULL_WEIGHT / 100));
    List<FlagChange> changes = new ArrayList<>();
    if (!nonZero(flag.rolloutWeightsById()).equals(nonZero(rollout.weights()))) {
      changes.add(rollout);
    }
    if (turnOn && !flag.on()) {
      changes.add(FlagChange.turnOn());
    }
    flag = apply(ref, changes, comment).orElse(flag);
    awaitSdk(flagKey, flag.version());
    return flag.version();
  }

  /**
   * Makes the changes in order; where the environment requires approval, the changes left go into
   * one approval request, so a wave (rollout and targeting on) asks reviewers once.
   *
   * @return the flag after the changes, or empty when there were none
   */
  private Optional<FlagState> apply(FlagRef ref, List<FlagChange> changes, String comment) {
    FlagState flag = null;
    for (int i = 0; i < changes.size(); i++) {
      try {
        flag = launchDarkly.apply(ref, changes.get(i), comment);
      } catch (ApprovalRequiredException approvalRequired) {
        FlagChange rest = FlagChange.together(changes.subList(i, changes.size()));
        ApprovalRequest request = launchDarkly.requestApproval(ref, rest, comment);
        approvals.await(ref, request, rest.kind(), comment);
        return Optional.of(launchDarkly.getFlag(ref));
      }
    }
    return Optional.ofNullable(flag);
  }

  private void awaitSdk(String flagKey, int version) {
    try {
      propagation.awaitVersion(flagKey, version, propagationTimeout);
    } catch (PropagationTimeoutException e) {
      throw new NonRetryableException(
          SYSTEM, 0, e.getMessage() + "; the change is made but not confirmed as served", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetryableException(SYSTEM, 0, "interrupted waiting for the SDK", null, e);
    }
  }

  private static String variation(FlagState flag, boolean value) {
    return flag.variationIdOf(value)
        .orElseThrow(
            () ->
                new NonRetryableException(
                    SYSTEM,
                    0,
                    "flag "
                        + flag.ref()
                        + " has no "
                        + value
                        + " variation; rollouts need a boolean flag",
                    null));
  }

  private static Map<String, Integer> nonZero(Map<String, Integer> weights) {
    return weights.entrySet().stream()
        .filter(e -> e.getValue() != 0)
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }
}
