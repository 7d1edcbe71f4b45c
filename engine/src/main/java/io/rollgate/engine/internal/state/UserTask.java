package io.rollgate.engine.internal.state;

import java.util.List;
import java.util.Map;

/** A task for a person (a {@code zeebe:userTask}), from creation to completion or cancellation. */
public final class UserTask extends ElementBound {
  public long key;
  public String processName;
  public int processVersion;
  public String name;
  public String assignee;
  public List<String> candidateGroups = List.of();
  public List<String> candidateUsers = List.of();

  /** Epoch milliseconds, or null. */
  public Long dueDate;

  public Long followUpDate;
  public int priority = 50;
  public Map<String, String> customHeaders = Map.of();

  /** The key of the linked form, or null. */
  public Long formKey;

  /** A form the task list resolves itself ({@code formKey} or external reference), or null. */
  public String externalFormReference;

  /**
   * CREATED, COMPLETED or CANCELED; CREATING, ASSIGNING, UPDATING or COMPLETING while the listeners
   * of that transition run.
   */
  public UserTaskState state = UserTaskState.CREATED;

  public long creationDate;
  public Long completionDate;

  /** The transition whose task listeners are running, or null. */
  public UserTaskTransition transition;
}
