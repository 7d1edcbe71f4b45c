package io.rollgate.connector.ci.github;

import java.time.Instant;

/**
 * A status of a deployment ({@code deployment-status} schema).
 *
 * @param state {@code error}, {@code failure}, {@code inactive}, {@code pending}, {@code success},
 *     {@code queued} or {@code in_progress}
 */
public record DeploymentStatus(
    long id,
    String state,
    String description,
    String environment,
    String logUrl,
    String environmentUrl,
    Instant createdAt) {}
