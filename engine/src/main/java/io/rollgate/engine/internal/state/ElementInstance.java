package io.rollgate.engine.internal.state;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.rollgate.engine.internal.model.ElementType;
import io.rollgate.engine.internal.model.ExecutionListenerEvent;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One activation of a flow node (or the process itself, with the process instance key). */
public final class ElementInstance {
  public long key;
  public long processInstanceKey;
  public long processDefinitionKey;
  public String processId;
  public String tenantId;
  public String elementId;
  public String elementName;
  public ElementType type;
  public State state = State.ACTIVE;
  public long startDate;
  public Long endDate;

  /** The enclosing scope (sub-process or process); {@code null} for the process itself. */
  public Long flowScopeKey;

  public Long jobKey;
  public Long userTaskKey;

  /** For a multi-instance body: the items, the next to start and how many finished. */
  public List<Object> miItems;

  public int miNext;
  public int miCompleted;

  /** For a call activity: the instance it started. */
  public Long calledInstanceKey;

  /** The active incident on this element, if any. */
  public Long incidentKey;

  /** What to redo when the incident is resolved. */
  public PendingStep pendingStep;

  /** For a scope: its active children, in activation order. */
  @JsonDeserialize(as = LinkedHashSet.class)
  public Set<Long> activeChildren = new LinkedHashSet<>();

  /** For a scope: tokens waiting at joining gateways, per sequence flow id. */
  public Map<String, Integer> joinTokens = new LinkedHashMap<>();

  /** For a gateway: the flows chosen when it was activated. */
  public List<String> chosenFlows;

  /** Message subscriptions this element holds (its own, or its boundary events'). */
  public List<Long> subscriptionKeys;

  /** Signal subscriptions this element holds (its own, or its boundary events'). */
  public List<Long> signalKeys;

  /** Timers this element holds (its own, or its boundary events'). */
  public List<Long> timerKeys;

  /** For an element that threw an uncaught error: the error to throw again on resolution. */
  public ThrownError thrownError;

  /** While the element's execution listeners of an event run: that event. */
  public ExecutionListenerEvent listenerEvent;

  /** The execution listener of {@link #listenerEvent} whose job runs now. */
  public int listenerIndex;

  /** Whether the start execution listeners have all completed. */
  public boolean startListenersDone;

  /** Whether the end execution listeners have all completed. */
  public boolean endListenersDone;

  /** For a process instance: the start event it begins at once its start listeners are done. */
  public String startElementId;

  /**
   * For a scope (or a multi-instance body): its completed children that can still be compensated,
   * in completion order; null when there are none (and in data written before compensation).
   */
  public List<Long> compensable;

  /** For a compensation handler: the compensation throw event waiting for it, or null. */
  public Long compensationThrowKey;

  /** For a compensation throw event: how many of the handlers it started are still running. */
  public int compensationsPending;

  /** Whether an open incident holds it. */
  public boolean hasIncident() {
    return incidentKey != null;
  }

  @JsonIgnore
  public boolean isActive() {
    return state == State.ACTIVE;
  }

  /** Whether the scope has nothing left to do: no active child and no waiting token. */
  @JsonIgnore
  public boolean isScopeIdle() {
    return activeChildren.isEmpty() && joinTokens.values().stream().allMatch(n -> n == 0);
  }
}
