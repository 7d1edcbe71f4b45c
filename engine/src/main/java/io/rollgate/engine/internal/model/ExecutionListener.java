package io.rollgate.engine.internal.model;

import io.rollgate.engine.internal.feel.Expression;

/**
 * An execution listener ({@code zeebe:executionListener}): a job of {@code type} that must complete
 * before the element goes on, at its start or at its end.
 *
 * @param eventType {@code start} or {@code end}
 * @param type the job type, static or FEEL
 * @param retries the job's retries, static or FEEL
 */
public record ExecutionListener(String eventType, Expression type, Expression retries) {}
