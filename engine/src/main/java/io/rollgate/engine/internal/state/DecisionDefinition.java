package io.rollgate.engine.internal.state;

/** A deployed version of one decision of a {@link DecisionRequirements} graph. */
public final class DecisionDefinition {
  public long key;
  public String decisionId;
  public String name;
  public int version;

  /** {@code DECISION_TABLE} or {@code LITERAL_EXPRESSION}. */
  public String type;

  public long decisionRequirementsKey;
  public String decisionRequirementsId;
  public String tenantId;
}
