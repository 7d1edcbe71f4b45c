package io.rollgate.engine.internal.model;

import io.rollgate.engine.internal.feel.Expression;

/**
 * A user task listener ({@code zeebe:taskListener}): a job of {@code type} that runs, and must
 * complete, before the task's {@code eventType} transition takes effect.
 *
 * @param eventType the transition it runs for
 * @param type the job type, static or FEEL
 * @param retries the job's retries, static or FEEL
 */
public record TaskListener(TaskListenerEvent eventType, Expression type, Expression retries) {}
