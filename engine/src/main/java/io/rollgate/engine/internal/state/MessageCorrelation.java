package io.rollgate.engine.internal.state;

/**
 * A message that reached a subscription or started an instance: the correlation history.
 *
 * @param order position in the history, unique
 */
public record MessageCorrelation(
    long order,
    long messageKey,
    long subscriptionKey,
    String messageName,
    String correlationKey,
    long processInstanceKey,
    long processDefinitionKey,
    String processId,
    long elementInstanceKey,
    String elementId,
    String tenantId,
    long correlationTime) {}
