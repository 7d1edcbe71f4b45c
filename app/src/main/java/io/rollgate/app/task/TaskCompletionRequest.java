package io.rollgate.app.task;

import jakarta.validation.constraints.NotNull;
import java.util.Map;

/**
 * {@code POST /api/v1/tasks/{key}/completion}.
 *
 * @param variables the form's submitted values, by field key
 */
record TaskCompletionRequest(@NotNull Map<String, Object> variables) {}
