package io.rollgate.connector.ci.github;

import java.util.List;

/**
 * The combined commit status of a ref ({@code combined-commit-status} schema).
 *
 * @param state {@code failure} if any context failed or errored, {@code pending} if any is pending
 *     or there are none, else {@code success}
 * @param statuses the latest status of each context
 */
public record CombinedStatus(
    String state, String sha, int totalCount, List<CommitStatus> statuses) {

  public CombinedStatus {
    statuses = statuses == null ? List.of() : List.copyOf(statuses);
  }

  /** The latest status of one context, for example {@code ci/jenkins}. */
  public record CommitStatus(String context, String state, String description, String targetUrl) {}
}
