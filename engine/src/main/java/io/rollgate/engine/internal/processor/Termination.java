package io.rollgate.engine.internal.processor;

import io.rollgate.engine.internal.state.ElementInstance;
import io.rollgate.engine.internal.state.EngineState;
import io.rollgate.engine.internal.state.Incident;
import io.rollgate.engine.internal.state.IncidentState;
import io.rollgate.engine.internal.state.Job;
import io.rollgate.engine.internal.state.JobState;
import io.rollgate.engine.internal.state.ProcessInstance;
import io.rollgate.engine.internal.state.State;
import io.rollgate.engine.internal.state.UserTask;
import io.rollgate.engine.internal.state.UserTaskState;
import java.util.List;

/**
 * Ends elements before their time: cancellation, interrupting events, terminate end events. What an
 * element holds ends with it.
 */
final class Termination {
  private final EngineState state;
  private final TaskListeners taskListeners;
  private final EventSubscriptions subscriptions;
  private final Runtime runtime;

  Termination(
      EngineState state,
      TaskListeners taskListeners,
      EventSubscriptions subscriptions,
      Runtime runtime) {
    this.state = state;
    this.taskListeners = taskListeners;
    this.subscriptions = subscriptions;
    this.runtime = runtime;
  }

  /**
   * Ends an active element and everything in it: its children, the instance it called, its user
   * task, job, incident and subscriptions.
   */
  void terminate(ElementInstance instance) {
    if (!instance.isActive()) {
      return;
    }
    for (long childKey : List.copyOf(instance.activeChildren)) {
      terminate(state.elementInstances.get(childKey));
    }
    instance.joinTokens.clear();
    if (instance.calledInstanceKey != null) {
      ProcessInstance called = state.processInstances.get(instance.calledInstanceKey);
      if (called.state == State.ACTIVE) {
        runtime.cancel(called);
      }
    }
    if (instance.userTaskKey != null) {
      UserTask task = state.userTasks.get(instance.userTaskKey);
      if (!task.state.isEnded()) {
        task.state = UserTaskState.CANCELED;
        task.completionDate = runtime.now();
        taskListeners.dropTransition(task);
      }
    }
    if (instance.jobKey != null) {
      Job job = state.jobs.get(instance.jobKey);
      if (!job.state.isEnded()) {
        if (job.state != JobState.ERROR_THROWN) {
          job.state = JobState.CANCELED;
        }
        job.endTime = runtime.now();
        job.activated = false;
        state.jobQueue.remove(job);
      }
    }
    if (instance.incidentKey != null) {
      Incident incident = state.incidents.get(instance.incidentKey);
      incident.state = IncidentState.RESOLVED;
      state.processInstances.get(instance.processInstanceKey).activeIncidents--;
      instance.incidentKey = null;
      instance.pendingStep = null;
    }
    subscriptions.closeAll(instance);
    instance.state = State.TERMINATED;
    instance.endDate = runtime.now();
    if (instance.flowScopeKey != null) {
      state.elementInstances.get(instance.flowScopeKey).activeChildren.remove(instance.key);
    }
  }

  /** A terminate end event: everything else in its scope ends, then the event completes. */
  void terminateScope(ElementInstance endEvent) {
    ElementInstance scope = state.elementInstances.get(endEvent.flowScopeKey);
    for (long childKey : List.copyOf(scope.activeChildren)) {
      if (childKey != endEvent.key) {
        terminate(state.elementInstances.get(childKey));
      }
    }
    scope.joinTokens.clear();
    runtime.completeLater(endEvent);
  }
}
