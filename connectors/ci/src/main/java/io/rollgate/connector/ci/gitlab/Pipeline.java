package io.rollgate.connector.ci.gitlab;

import java.time.Instant;

/**
 * A GitLab pipeline, the fields Rollgate reads.
 *
 * @param status {@code created}, {@code waiting_for_resource}, {@code preparing}, {@code pending},
 *     {@code running}, {@code success}, {@code failed}, {@code canceled}, {@code skipped}, {@code
 *     manual} or {@code scheduled}
 */
public record Pipeline(
    long id,
    long iid,
    long projectId,
    String sha,
    String ref,
    String status,
    String source,
    String webUrl,
    Instant createdAt,
    Instant updatedAt) {}
