package io.rollgate.connector.launchdarkly;

/**
 * The outcome of {@link LaunchDarklyClient#applyOrRequestApproval}: the change took effect, or the
 * environment requires approval and a request now waits for reviewers.
 */
public sealed interface ChangeResult permits ChangeResult.Applied, ChangeResult.PendingApproval {

  /** The change is live; {@code state} is the flag after it. */
  record Applied(FlagState state) implements ChangeResult {}

  /**
   * Nothing changed yet. Poll {@link LaunchDarklyClient#getApproval} until {@link
   * ApprovalRequest#readyToApply()} (or {@link ApprovalRequest#declined()}), then call {@link
   * LaunchDarklyClient#applyApproval}.
   */
  record PendingApproval(ApprovalRequest request) implements ChangeResult {}
}
