package io.rollgate.engine.internal.model;

import io.rollgate.engine.internal.feel.Expression;

/**
 * An execution listener ({@code zeebe:executionListener}): a job of {@code type} that must complete
 * before the element goes on, at its start or at its end.
 *
 * @param eventType whether it runs at the element's start or end
 * @param type the job type, static or FEEL
 * @param retries the job's retries, static or FEEL
 */
public record ExecutionListener(
    ExecutionListenerEvent eventType, Expression type, Expression retries) {}
