package io.rollgate.workers.rollout;

import io.camunda.client.exception.CamundaError;
import io.rollgate.connector.NonRetryableException;
import io.rollgate.connector.RetryableException;
import io.rollgate.connector.launchdarkly.ApprovalRequest;
import io.rollgate.connector.launchdarkly.FlagRef;
import io.rollgate.connector.launchdarkly.LaunchDarklyClient;
import io.rollgate.processes.Lifecycle;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A flag change in an environment that requires approval: waits for reviewers on its approval
 * request, reading it every poll interval, and applies it once approved. A declined request is the
 * model's {@code FLAG_APPROVAL_DECLINED}; one still undecided after the timeout is {@code
 * FLAG_APPROVAL_TIMEOUT}, so a person decides rather than the job failing. A request someone
 * already applied in LaunchDarkly counts as done.
 */
final class FlagApprovalWait {

  private final LaunchDarklyClient launchDarkly;
  private final Duration timeout;
  private final Duration pollInterval;

  FlagApprovalWait(LaunchDarklyClient launchDarkly, Duration timeout, Duration pollInterval) {
    this.launchDarkly = launchDarkly;
    this.timeout = timeout;
    this.pollInterval = pollInterval;
  }

  /**
   * Returns once the change is applied.
   *
   * @param kind what the change does, for messages
   * @param comment the audit comment the change is applied with
   */
  void await(FlagRef ref, ApprovalRequest request, String kind, String comment) {
    Instant deadline = Instant.now().plus(timeout);
    ApprovalRequest current = request;
    while (!current.applied()) {
      if (current.readyToApply()) {
        launchDarkly.applyApproval(ref, current.id(), comment);
        return;
      }
      if (current.declined()) {
        throw error(Lifecycle.Errors.FLAG_APPROVAL_DECLINED, "was declined", ref, current, kind);
      }
      if (current.status() == ApprovalRequest.Status.FAILED) {
        throw new NonRetryableException(
            FlagRollout.SYSTEM, 0, "approval request " + current.id() + " failed to apply", null);
      }
      Duration left = Duration.between(Instant.now(), deadline);
      if (left.isNegative() || left.isZero()) {
        throw error(
            Lifecycle.Errors.FLAG_APPROVAL_TIMEOUT,
            "was not approved within " + timeout,
            ref,
            current,
            kind);
      }
      sleep(left.compareTo(pollInterval) < 0 ? left : pollInterval);
      current = launchDarkly.getApproval(ref, current.id());
    }
  }

  private static RuntimeException error(
      String code, String what, FlagRef ref, ApprovalRequest request, String kind) {
    return CamundaError.bpmnError(
        code,
        "LaunchDarkly approval request "
            + request.id()
            + " for "
            + kind
            + " on "
            + ref
            + " "
            + what
            + "; the flag is unchanged",
        Map.of(Lifecycle.Variables.FLAG_APPROVAL_REQUEST, request.id()));
  }

  private static void sleep(Duration wait) {
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetryableException(
          FlagRollout.SYSTEM, 0, "interrupted waiting for a flag approval", null, e);
    }
  }
}
