package io.rollgate.engine.internal.state;

/** A variable in a scope (process instance or element instance). */
public final class Variable {
  public long key;
  public String name;

  /** The value as a JSON-compatible Java value (String, Long, Double, Boolean, List, Map, null). */
  public Object value;

  public long scopeKey;
  public long processInstanceKey;
  public String tenantId;
}
