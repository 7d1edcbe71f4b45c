package io.rollgate.engine.internal.processor;

import io.rollgate.engine.internal.model.ElementType;
import io.rollgate.engine.internal.state.ElementInstance;
import io.rollgate.engine.internal.state.EngineState;
import io.rollgate.engine.internal.state.Incident;
import io.rollgate.engine.internal.state.IncidentState;
import io.rollgate.engine.internal.state.Job;
import io.rollgate.engine.internal.state.JobState;
import io.rollgate.engine.internal.state.PendingStep;
import io.rollgate.engine.internal.state.ThrownError;

/**
 * Resolving an incident retries the step that failed: a job without retries is ready for workers
 * again, any other step (an activation, a completion, a listener's job, a thrown error) runs again.
 */
final class IncidentResolution {
  private final EngineState state;
  private final Runtime runtime;
  private final Agenda agenda;

  IncidentResolution(EngineState state, Runtime runtime, Agenda agenda) {
    this.state = state;
    this.runtime = runtime;
    this.agenda = agenda;
  }

  void resolve(Incident incident) {
    incident.state = IncidentState.RESOLVED;
    ElementInstance instance = state.elementInstances.get(incident.elementInstanceKey);
    instance.incidentKey = null;
    state.processInstances.get(incident.processInstanceKey).activeIncidents--;
    if (incident.jobKey != null) {
      retryJob(state.jobs.get(incident.jobKey));
      return;
    }
    PendingStep step = instance.pendingStep;
    instance.pendingStep = null;
    if (step == PendingStep.ACTIVATE) {
      agenda.add(() -> activateAgain(instance));
    } else if (step == PendingStep.COMPLETE) {
      runtime.completeLater(instance);
    } else if (step == PendingStep.TASK_LISTENER) {
      agenda.add(
          () -> runtime.taskListeners().createJob(state.userTasks.get(instance.userTaskKey)));
    } else if (step == PendingStep.EXECUTION_LISTENER) {
      agenda.add(() -> runtime.executionListeners().createJob(instance));
    } else if (step == PendingStep.THROW_ERROR) {
      ThrownError error = instance.thrownError;
      instance.thrownError = null;
      agenda.add(() -> runtime.errors().throwError(instance, error));
    }
  }

  private void retryJob(Job job) {
    job.incidentKey = null;
    if (job.state == JobState.ERROR_THROWN) {
      job.state = JobState.CREATED;
    }
    state.jobQueue.makeReady(job);
    runtime.outcomes().jobsAvailable(job.type);
  }

  private void activateAgain(ElementInstance instance) {
    if (instance.type == ElementType.MULTI_INSTANCE_BODY) {
      runtime.multiInstances().runBody(instance, runtime.nodeOf(instance));
    } else {
      runtime.activation().run(instance, runtime.nodeOf(instance));
    }
  }
}
