package io.rollgate.connector.ci.github;

import java.time.Instant;

/** A GitHub deployment ({@code deployment} schema), the fields Rollgate reads. */
public record Deployment(
    long id,
    String sha,
    String ref,
    String task,
    String environment,
    String description,
    Instant createdAt,
    String statusesUrl) {}
