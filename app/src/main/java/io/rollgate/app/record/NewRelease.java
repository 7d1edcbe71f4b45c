package io.rollgate.app.record;

import java.util.Map;

/**
 * A release about to start, as {@link ReleaseRecords#create} records it.
 *
 * @param service the service released
 * @param version the version released
 * @param commitSha the commit the pipeline built
 * @param environment where it goes, for example {@code production}
 * @param changeModel {@code standard}, {@code normal} or {@code emergency}
 * @param requestedBy who asked for the release; never its approver
 * @param plan the rollout plan (repository, flag, waves, window, bake time) kept with the release
 */
public record NewRelease(
    String service,
    String version,
    String commitSha,
    String environment,
    String changeModel,
    String requestedBy,
    Map<String, Object> plan) {}
