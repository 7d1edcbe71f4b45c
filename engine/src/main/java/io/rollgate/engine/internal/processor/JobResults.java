package io.rollgate.engine.internal.processor;

import io.rollgate.engine.internal.model.ElementType;
import io.rollgate.engine.internal.model.ExecutionListenerEvent;
import io.rollgate.engine.internal.model.FlowNode;
import io.rollgate.engine.internal.state.ElementInstance;
import io.rollgate.engine.internal.state.EngineState;
import io.rollgate.engine.internal.state.Incident;
import io.rollgate.engine.internal.state.Job;
import io.rollgate.engine.internal.state.JobState;
import io.rollgate.engine.internal.state.ThrownError;
import java.util.Map;

/**
 * What a worker's answer does to the job and what waits for it: a completed job hands its variables
 * to its element, which completes (or to its task or execution listener, which goes on); a thrown
 * error is caught by a boundary or event sub-process, or is an incident.
 */
final class JobResults {
  private final EngineState state;
  private final Runtime runtime;
  private final Agenda agenda;

  JobResults(EngineState state, Runtime runtime, Agenda agenda) {
    this.state = state;
    this.runtime = runtime;
    this.agenda = agenda;
  }

  void complete(Job job, Map<String, Object> result, Command.UserTaskResult taskResult) {
    end(job, JobState.COMPLETED);
    job.endTime = runtime.now();
    if (job.kind == TaskListeners.KIND) {
      runtime.taskListeners().completed(job, taskResult);
      return;
    }
    ElementInstance instance = state.elementInstances.get(job.elementInstanceKey);
    if (job.kind == ExecutionListeners.KIND) {
      ExecutionListenerEvent finished = runtime.executionListeners().completed(instance, result);
      if (finished != null) {
        afterListeners(instance, finished);
      }
      return;
    }
    FlowNode node = runtime.nodeOf(instance);
    runtime.variables().mergeResult(instance, node, result);
    runtime.completeLater(instance);
  }

  void throwError(Job job, String code, String message, Map<String, Object> vars) {
    end(job, JobState.ERROR_THROWN);
    job.errorCode = code;
    job.errorMessage = message;
    ElementInstance instance = state.elementInstances.get(job.elementInstanceKey);
    ThrownError error = new ThrownError(code, message, vars);
    if (!runtime.errors().throwError(instance, error)) {
      Incident incident = state.incidents.get(instance.incidentKey);
      incident.jobKey = job.key;
      job.incidentKey = incident.key;
    }
  }

  private void end(Job job, JobState end) {
    job.state = end;
    job.activated = false;
    state.jobQueue.remove(job);
  }

  /** The element goes on where its execution listeners of the event held it. */
  private void afterListeners(ElementInstance instance, ExecutionListenerEvent event) {
    boolean process = instance.type == ElementType.PROCESS;
    if (event == ExecutionListenerEvent.START) {
      instance.startListenersDone = true;
      if (process) {
        FlowNode start = runtime.modelOf(instance).node(instance.startElementId);
        agenda.add(() -> runtime.activation().activate(start, instance));
      } else {
        FlowNode node = runtime.nodeOf(instance);
        agenda.add(() -> runtime.activation().run(instance, node));
      }
    } else {
      instance.endListenersDone = true;
      if (process) {
        agenda.add(() -> runtime.completion().completeScope(instance));
      } else {
        runtime.completeLater(instance);
      }
    }
  }
}
