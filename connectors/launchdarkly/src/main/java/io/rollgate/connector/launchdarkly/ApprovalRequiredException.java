package io.rollgate.connector.launchdarkly;

import io.rollgate.connector.NonRetryableException;

/**
 * LaunchDarkly refused a direct flag change (405) because the environment requires approval.
 * Repeating the call cannot help; request approval instead ({@link
 * LaunchDarklyClient#requestApproval} or {@link LaunchDarklyClient#applyOrRequestApproval}).
 */
public final class ApprovalRequiredException extends NonRetryableException {

  public ApprovalRequiredException(String system, int status, String message) {
    super(system, status, message, null);
  }
}
