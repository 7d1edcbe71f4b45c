package io.rollgate.engine.internal.state;

/**
 * What belongs to one element instance of a process instance (a job, an incident, a user task, a
 * message subscription, a timer): where it happened, as the API shows it and searches filter on it.
 */
public abstract class ElementBound {
  public long processInstanceKey;
  public long processDefinitionKey;
  public String processId;
  public String tenantId;
  public long elementInstanceKey;
  public String elementId;

  /** Binds this to the element instance: its process, its key and its element. */
  public final void bindTo(ElementInstance element) {
    processInstanceKey = element.processInstanceKey;
    processDefinitionKey = element.processDefinitionKey;
    processId = element.processId;
    tenantId = element.tenantId;
    elementInstanceKey = element.key;
    elementId = element.elementId;
  }
}
