package io.rollgate.connector.launchdarkly;

import java.time.Instant;

/**
 * A LaunchDarkly approval request for a flag change in an environment that requires approval. The
 * change happens only when the request is approved and then applied.
 *
 * @param id the request's {@code _id}
 * @param appliedAt when it was applied, or {@code null}
 */
public record ApprovalRequest(
    String id,
    FlagRef flag,
    ReviewStatus reviewStatus,
    Status status,
    Instant createdAt,
    Instant appliedAt) {

  /** What reviewers decided. */
  public enum ReviewStatus {
    PENDING,
    APPROVED,
    DECLINED
  }

  /** Whether the change was carried out. */
  public enum Status {
    PENDING,
    SCHEDULED,
    COMPLETED,
    FAILED
  }

  /** Approved and not yet applied: {@link LaunchDarklyClient#applyApproval} may run now. */
  public boolean readyToApply() {
    return reviewStatus == ReviewStatus.APPROVED && status == Status.PENDING;
  }

  public boolean declined() {
    return reviewStatus == ReviewStatus.DECLINED;
  }

  public boolean applied() {
    return status == Status.COMPLETED;
  }
}
