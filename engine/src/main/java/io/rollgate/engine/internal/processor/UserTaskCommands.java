package io.rollgate.engine.internal.processor;

import io.rollgate.engine.internal.model.TaskListenerEvent;
import io.rollgate.engine.internal.state.EngineState;
import io.rollgate.engine.internal.state.UserTask;
import io.rollgate.engine.internal.state.UserTaskState;
import io.rollgate.engine.internal.state.UserTaskTransition;
import java.util.ArrayList;
import java.util.List;

/**
 * Assigning, updating and completing user tasks: each is a transition that the task's listeners may
 * hold, correct or deny.
 */
final class UserTaskCommands {
  private final EngineState state;
  private final Runtime runtime;

  UserTaskCommands(EngineState state, Runtime runtime) {
    this.state = state;
    this.runtime = runtime;
  }

  /**
   * The answer to a user task command whose transition waits for task listeners: the request is
   * answered when the last listener completes or one denies it.
   */
  record AwaitingListeners(long userTaskKey) {}

  private UserTask openTask(long key, String action) {
    UserTask task = state.userTasks.get(key);
    if (task == null || task.state.isEnded()) {
      throw EngineException.notFound(
          "Expected to "
              + action
              + " user task with key '"
              + key
              + "', but no such user task was found");
    }
    if (task.state != UserTaskState.CREATED) {
      throw EngineException.invalidState(
          "Expected to "
              + action
              + " user task with key '"
              + key
              + "', but it is in state '"
              + task.state
              + "' while its task listeners run");
    }
    return task;
  }

  Object assign(Command.AssignUserTask command) {
    UserTask task = openTask(command.userTaskKey(), "assign");
    if (!command.allowOverride()
        && task.assignee != null
        && command.assignee() != null
        && !task.assignee.equals(command.assignee())) {
      throw EngineException.invalidState(
          "Expected to assign user task with key '"
              + task.key
              + "', but it is already assigned to '"
              + task.assignee
              + "'; use allowOverride to reassign it");
    }
    String assignee =
        command.assignee() == null || command.assignee().isBlank() ? null : command.assignee();
    String action =
        command.action() != null ? command.action() : assignee == null ? "unassign" : "assign";
    UserTaskTransition t =
        runtime.taskListeners().transition(task, TaskListenerEvent.ASSIGNING, action);
    t.assignee = assignee;
    t.changedAttributes = List.of("assignee");
    return transit(task, t);
  }

  Object update(Command.UpdateUserTask command) {
    UserTask task = openTask(command.userTaskKey(), "update");
    Long due = UserTasks.parseDate("dueDate", command.dueDate());
    Long followUp = UserTasks.parseDate("followUpDate", command.followUpDate());
    if (command.priority() != null && (command.priority() < 0 || command.priority() > 100)) {
      throw EngineException.invalidArgument(
          "priority must be from 0 to 100, but was " + command.priority());
    }
    UserTaskTransition t =
        runtime
            .taskListeners()
            .transition(
                task,
                TaskListenerEvent.UPDATING,
                command.action() == null ? "update" : command.action());
    List<String> changed = new ArrayList<>();
    if (command.candidateGroups() != null) {
      t.candidateGroups = List.copyOf(command.candidateGroups());
      changed.add("candidateGroups");
    }
    if (command.candidateUsers() != null) {
      t.candidateUsers = List.copyOf(command.candidateUsers());
      changed.add("candidateUsers");
    }
    if (command.dueDate() != null) {
      t.dueDate = due;
      changed.add("dueDate");
    }
    if (command.followUpDate() != null) {
      t.followUpDate = followUp;
      changed.add("followUpDate");
    }
    if (command.priority() != null) {
      t.priority = command.priority();
      changed.add("priority");
    }
    t.changedAttributes = List.copyOf(changed);
    return transit(task, t);
  }

  Object completeUserTask(Command.CompleteUserTask command) {
    UserTask task = openTask(command.userTaskKey(), "complete");
    UserTaskTransition t =
        runtime
            .taskListeners()
            .transition(
                task,
                TaskListenerEvent.COMPLETING,
                command.action() == null ? "complete" : command.action());
    t.variables = command.variables();
    if (runtime.taskListeners().hold(task, t)) {
      return new AwaitingListeners(task.key);
    }
    runtime.completeUserTask(task, command.variables());
    return null;
  }

  /** Applies the transition now, or holds it (and the request) for the task's listeners. */
  private Object transit(UserTask task, UserTaskTransition t) {
    if (runtime.taskListeners().hold(task, t)) {
      return new AwaitingListeners(task.key);
    }
    runtime.taskListeners().apply(task, t);
    return null;
  }
}
