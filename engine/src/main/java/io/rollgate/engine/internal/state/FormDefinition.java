package io.rollgate.engine.internal.state;

/** A deployed version of a Camunda form ({@code .form}), linked from user tasks by its id. */
public final class FormDefinition {
  public long key;
  public String formId;
  public int version;
  public String resourceName;
  public String tenantId;

  /** The form's JSON, as deployed. */
  public String schema;

  public String checksum;
}
