package io.rollgate.connector.ci.github;

/**
 * A check run on a commit ({@code check-run} schema), the fields Rollgate reads.
 *
 * @param status {@code queued}, {@code in_progress}, {@code completed} (and, for Actions, {@code
 *     waiting}, {@code requested}, {@code pending})
 * @param conclusion {@code null} until completed
 */
public record CheckRun(
    long id, String name, String headSha, String status, String conclusion, String htmlUrl) {}
