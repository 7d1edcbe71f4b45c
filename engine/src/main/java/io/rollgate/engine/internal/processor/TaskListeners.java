package io.rollgate.engine.internal.processor;

import io.rollgate.engine.internal.api.JobViews;
import io.rollgate.engine.internal.api.Views;
import io.rollgate.engine.internal.model.ElementSpec;
import io.rollgate.engine.internal.model.TaskListener;
import io.rollgate.engine.internal.model.TaskListenerEvent;
import io.rollgate.engine.internal.state.ElementInstance;
import io.rollgate.engine.internal.state.EngineState;
import io.rollgate.engine.internal.state.Job;
import io.rollgate.engine.internal.state.JobKind;
import io.rollgate.engine.internal.state.JobState;
import io.rollgate.engine.internal.state.ListenerEventType;
import io.rollgate.engine.internal.state.PendingStep;
import io.rollgate.engine.internal.state.UserTask;
import io.rollgate.engine.internal.state.UserTaskState;
import io.rollgate.engine.internal.state.UserTaskTransition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Task listeners: the jobs that hold a user task's transition (creating, assigning, updating,
 * completing) one listener after another, each of which may deny the transition or correct it.
 */
final class TaskListeners {
  /** The job kind of a task listener's job, as the REST API names it. */
  static final JobKind KIND = JobKind.TASK_LISTENER;

  private final EngineState state;
  private final Variables variables;
  private final Runtime runtime;

  TaskListeners(EngineState state, Variables variables, Runtime runtime) {
    this.state = state;
    this.variables = variables;
    this.runtime = runtime;
  }

  /** A transition of the task, starting from its attributes as they are. */
  UserTaskTransition transition(UserTask task, TaskListenerEvent eventType, String action) {
    UserTaskTransition t = new UserTaskTransition();
    t.eventType = eventType;
    t.action = action;
    t.previousState = task.state;
    t.assignee = task.assignee;
    t.candidateGroups = task.candidateGroups;
    t.candidateUsers = task.candidateUsers;
    t.dueDate = task.dueDate;
    t.followUpDate = task.followUpDate;
    t.priority = task.priority;
    return t;
  }

  /**
   * Holds the transition back while the task listeners of its event run, first one first; false
   * when the event has no listeners and the caller applies the transition now.
   */
  boolean hold(UserTask task, UserTaskTransition t) {
    if (specOf(task).taskListeners(t.eventType).isEmpty()) {
      return false;
    }
    task.transition = t;
    task.state = UserTaskState.during(t.eventType);
    createJob(task);
    return true;
  }

  /** Creates the job of the transition's current listener, or an incident when its FEEL fails. */
  void createJob(UserTask task) {
    UserTaskTransition t = task.transition;
    TaskListener listener = specOf(task).taskListeners(t.eventType).get(t.listenerIndex);
    ElementInstance instance = state.elementInstances.get(task.elementInstanceKey);
    Jobs.Definition definition =
        runtime
            .jobs()
            .definition(instance, listener.type(), listener.retries(), PendingStep.TASK_LISTENER);
    if (definition == null) {
      return;
    }
    Job job =
        runtime
            .jobs()
            .add(instance, definition.type(), (int) definition.retries(), task.customHeaders);
    job.kind = KIND;
    job.listenerEventType = ListenerEventType.of(t.eventType);
    job.userTaskKey = task.key;
    t.jobKey = job.key;
  }

  /**
   * Checks a task listener's job result before anything changes.
   *
   * @throws EngineException 400 for a denial of creation, or a correction that is invalid
   */
  void checkResult(Job job, Command.UserTaskResult result) {
    if (result == null) {
      return;
    }
    if (result.denied() && job.listenerEventType == ListenerEventType.CREATING) {
      throw EngineException.invalidArgument(
          "A creating task listener cannot deny the creation of user task "
              + job.userTaskKey
              + "; only assigning, updating and completing can be denied.");
    }
    Command.Corrections c = result.corrections();
    if (c != null) {
      UserTasks.parseDate("dueDate", c.dueDate());
      UserTasks.parseDate("followUpDate", c.followUpDate());
      if (c.priority() != null && (c.priority() < 0 || c.priority() > 100)) {
        throw EngineException.invalidArgument(
            "priority must be from 0 to 100, but was " + c.priority());
      }
    }
  }

  /** A listener's job completed: deny the transition, or correct it and run the next listener. */
  void completed(Job job, Command.UserTaskResult result) {
    UserTask task = state.userTasks.get(job.userTaskKey);
    UserTaskTransition t = task.transition;
    t.jobKey = null;
    if (result != null && result.denied()) {
      task.transition = null;
      task.state = t.previousState;
      String reason = result.deniedReason() == null ? "" : result.deniedReason();
      runtime
          .outcomes()
          .userTaskTransitionEnded(
              task.key,
              EngineException.invalidState(
                  "The "
                      + switch (t.eventType) {
                        case ASSIGNING -> "assignment";
                        case UPDATING -> "update";
                        default -> "completion";
                      }
                      + " of user task "
                      + task.key
                      + " was denied by a task listener (job type '"
                      + job.type
                      + "'). Reason: '"
                      + reason
                      + "'"));
      return;
    }
    if (result != null && result.corrections() != null) {
      correct(t, result.corrections());
    }
    t.listenerIndex++;
    if (t.listenerIndex < specOf(task).taskListeners(t.eventType).size()) {
      createJob(task);
      return;
    }
    task.transition = null;
    apply(task, t);
  }

  /** Applies a transition: its attributes, then what the event does. */
  void apply(UserTask task, UserTaskTransition t) {
    task.assignee = t.assignee;
    task.candidateGroups = t.candidateGroups;
    task.candidateUsers = t.candidateUsers;
    task.dueDate = t.dueDate;
    task.followUpDate = t.followUpDate;
    task.priority = t.priority;
    task.state = UserTaskState.CREATED;
    runtime.outcomes().userTaskTransitionEnded(task.key, null);
    if (t.eventType == TaskListenerEvent.COMPLETING) {
      runtime.userTasks().complete(task, t.variables);
    } else if (t.eventType == TaskListenerEvent.CREATING) {
      assignAfterCreation(task, t.assignAfterCreation);
    }
  }

  /** A task created with an assignee is assigned once created, through its assigning listeners. */
  void assignAfterCreation(UserTask task, String assignee) {
    if (assignee == null) {
      return;
    }
    UserTaskTransition assigning = transition(task, TaskListenerEvent.ASSIGNING, "assign");
    assigning.assignee = assignee;
    assigning.changedAttributes = List.of("assignee");
    if (!hold(task, assigning)) {
      apply(task, assigning);
    }
  }

  /** The task ends while listeners run (its element was terminated): their job is canceled. */
  void dropTransition(UserTask task) {
    UserTaskTransition t = task.transition;
    if (t == null) {
      return;
    }
    task.transition = null;
    if (t.jobKey != null) {
      Job job = state.jobs.get(t.jobKey);
      if (!job.state.isEnded()) {
        job.state = JobState.CANCELED;
        job.endTime = runtime.now();
        job.activated = false;
        state.jobQueue.remove(job);
      }
    }
    runtime
        .outcomes()
        .userTaskTransitionEnded(
            task.key,
            EngineException.invalidState(
                "User task " + task.key + " was canceled before its task listeners completed."));
  }

  private void correct(UserTaskTransition t, Command.Corrections c) {
    List<String> changed = new ArrayList<>(t.changedAttributes);
    if (c.assignee() != null) {
      t.assignee = c.assignee().isEmpty() ? null : c.assignee();
      changed.add("assignee");
    }
    if (c.dueDate() != null) {
      t.dueDate = UserTasks.parseDate("dueDate", c.dueDate());
      changed.add("dueDate");
    }
    if (c.followUpDate() != null) {
      t.followUpDate = UserTasks.parseDate("followUpDate", c.followUpDate());
      changed.add("followUpDate");
    }
    if (c.candidateUsers() != null) {
      t.candidateUsers = List.copyOf(c.candidateUsers());
      changed.add("candidateUsers");
    }
    if (c.candidateGroups() != null) {
      t.candidateGroups = List.copyOf(c.candidateGroups());
      changed.add("candidateGroups");
    }
    if (c.priority() != null) {
      t.priority = c.priority();
      changed.add("priority");
    }
    t.changedAttributes = changed.stream().distinct().toList();
  }

  /** What a task listener's job shows of its task: the attributes as the transition sets them. */
  JobViews.UserTaskProperties properties(Job job) {
    UserTask task = state.userTasks.get(job.userTaskKey);
    UserTaskTransition t = task.transition;
    if (t == null) {
      t = transition(task, job.listenerEventType.taskListenerEvent(), null);
    }
    return new JobViews.UserTaskProperties(
        t.action,
        t.assignee,
        t.candidateGroups,
        t.candidateUsers,
        t.changedAttributes,
        Views.date(t.dueDate),
        Views.date(t.followUpDate),
        task.formKey == null ? null : Long.toString(task.formKey),
        t.priority,
        Long.toString(task.key));
  }

  /** The variables a task listener's job sees: the task's, and a completion's on top. */
  Map<String, Object> variables(Job job) {
    Map<String, Object> seen = new LinkedHashMap<>(variables.visible(job.elementInstanceKey));
    UserTask task = state.userTasks.get(job.userTaskKey);
    if (task.transition != null && task.transition.eventType == TaskListenerEvent.COMPLETING) {
      seen.putAll(task.transition.variables);
    }
    return seen;
  }

  private ElementSpec.HumanTask specOf(UserTask task) {
    return runtime
        .nodeOf(state.elementInstances.get(task.elementInstanceKey))
        .spec(ElementSpec.HumanTask.class);
  }
}
