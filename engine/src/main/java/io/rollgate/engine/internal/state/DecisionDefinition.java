package io.rollgate.engine.internal.state;

import io.rollgate.engine.internal.decision.DecisionType;

/** A deployed version of one decision of a {@link DecisionRequirements} graph. */
public final class DecisionDefinition {
  public long key;
  public String decisionId;
  public String name;
  public int version;

  public DecisionType type;

  public long decisionRequirementsKey;
  public String decisionRequirementsId;
  public String tenantId;
}
