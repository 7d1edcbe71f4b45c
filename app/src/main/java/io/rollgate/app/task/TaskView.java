package io.rollgate.app.task;

import java.time.Instant;
import java.util.List;

/**
 * A user task waiting in the engine, as the console lists it.
 *
 * @param key the engine's user task key, as text (it exceeds JavaScript's safe integers)
 * @param releaseId the release whose process the task belongs to; null for a process Rollgate did
 *     not start
 * @param elementId the task's id in the model, e.g. {@code goNoGo}
 * @param formKey the id of the Camunda Form the task shows, e.g. {@code go-no-go}; null without one
 */
record TaskView(
    String key,
    String releaseId,
    String service,
    String name,
    String elementId,
    Instant createdAt,
    List<String> candidateGroups,
    String assignee,
    String formKey) {}
