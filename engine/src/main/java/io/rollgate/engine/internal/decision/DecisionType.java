package io.rollgate.engine.internal.decision;

/**
 * What a decision's logic is, as the Camunda 8 REST API names it ({@code decisionDefinitionType}).
 * Persisted by name.
 */
public enum DecisionType {
  DECISION_TABLE,
  LITERAL_EXPRESSION,
  /** Logic the DMN engine parses but the API has no name for (a context, an invocation, ...). */
  UNSPECIFIED
}
