package io.rollgate.engine.internal.state;

import io.rollgate.engine.internal.model.TaskListenerEvent;
import java.util.List;
import java.util.Map;

/**
 * A user task transition held back by its task listeners. It carries the task's attributes as they
 * will be once the transition is applied (the requested change plus the listeners' corrections);
 * the task itself keeps its attributes until the last listener completes, so a denial has nothing
 * to undo.
 */
public final class UserTaskTransition {
  public TaskListenerEvent eventType;

  /** The action the caller named ({@code complete}, {@code assign}, {@code claim}, ...). */
  public String action;

  /** The state the task returns to when a listener denies the transition. */
  public UserTaskState previousState;

  /** The index of the running listener among those of the event. */
  public int listenerIndex;

  public Long jobKey;

  public String assignee;
  public List<String> candidateGroups = List.of();
  public List<String> candidateUsers = List.of();
  public Long dueDate;
  public Long followUpDate;
  public int priority = 50;

  /** The attributes the transition (and the corrections so far) change. */
  public List<String> changedAttributes = List.of();

  /** The variables of a completion, applied when it takes effect. */
  public Map<String, Object> variables = Map.of();

  /** After the creating listeners: assign to this person, running the assigning listeners. */
  public String assignAfterCreation;
}
