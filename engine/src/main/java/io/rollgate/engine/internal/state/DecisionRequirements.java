package io.rollgate.engine.internal.state;

/** A deployed version of a DMN resource: its decision requirements graph (DRG). */
public final class DecisionRequirements {
  public long key;

  /** The DMN {@code definitions} id. */
  public String decisionRequirementsId;

  public String name;
  public int version;
  public String resourceName;
  public String tenantId;

  /** The DMN XML as deployed; decisions are parsed from it again after a restart. */
  public String xml;

  public String checksum;
}
