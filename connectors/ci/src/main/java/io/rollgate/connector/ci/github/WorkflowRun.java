package io.rollgate.connector.ci.github;

import java.time.Instant;

/**
 * A GitHub Actions workflow run ({@code workflow-run} schema), the fields Rollgate reads.
 *
 * @param status {@code queued}, {@code in_progress}, {@code completed}, {@code waiting}, {@code
 *     requested} or {@code pending}
 * @param conclusion {@code success}, {@code failure}, {@code neutral}, {@code cancelled}, {@code
 *     skipped}, {@code timed_out}, {@code action_required}, {@code stale}, {@code startup_failure};
 *     {@code null} until completed
 * @param displayTitle the run's title: the workflow's {@code run-name} with the dispatch's inputs
 *     in it, else GitHub's default
 */
public record WorkflowRun(
    long id,
    String name,
    long workflowId,
    int runNumber,
    String headSha,
    String headBranch,
    String event,
    String status,
    String conclusion,
    String htmlUrl,
    Instant createdAt,
    Instant updatedAt,
    String displayTitle) {

  public boolean completed() {
    return "completed".equals(status);
  }
}
