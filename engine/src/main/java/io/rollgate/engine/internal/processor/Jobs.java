package io.rollgate.engine.internal.processor;

import io.rollgate.engine.internal.feel.EvaluationException;
import io.rollgate.engine.internal.feel.Expression;
import io.rollgate.engine.internal.feel.Feel;
import io.rollgate.engine.internal.state.ElementInstance;
import io.rollgate.engine.internal.state.EngineState;
import io.rollgate.engine.internal.state.Incident;
import io.rollgate.engine.internal.state.IncidentErrorType;
import io.rollgate.engine.internal.state.Job;
import io.rollgate.engine.internal.state.JobState;
import io.rollgate.engine.internal.state.PendingStep;
import io.rollgate.engine.internal.state.ProcessInstance;
import java.util.Map;
import java.util.function.LongSupplier;

/** Creates the jobs of elements and listeners, ready for workers. */
final class Jobs {
  private final EngineState state;
  private final Feel feel;
  private final Variables variables;
  private final Incidents incidents;
  private final Outcomes outcomes;
  private final LongSupplier now;

  Jobs(
      EngineState state,
      Feel feel,
      Variables variables,
      Incidents incidents,
      Outcomes outcomes,
      LongSupplier now) {
    this.state = state;
    this.feel = feel;
    this.variables = variables;
    this.incidents = incidents;
    this.outcomes = outcomes;
    this.now = now;
  }

  /** A job's type and retries, as its FEEL expressions give them in the element's scope. */
  record Definition(String type, long retries) {}

  /**
   * Evaluates a job's type and retries; null after raising an {@code EXTRACT_VALUE_ERROR} incident
   * whose resolution retries {@code step}.
   */
  Definition definition(
      ElementInstance instance,
      Expression typeExpression,
      Expression retriesExpression,
      PendingStep step) {
    try {
      Map<String, Object> seen = variables.visible(instance.key);
      return new Definition(
          feel.evaluateString(typeExpression, seen), feel.evaluateLong(retriesExpression, seen));
    } catch (EvaluationException e) {
      incidents.fail(instance, step, IncidentErrorType.EXTRACT_VALUE_ERROR, e.getMessage());
      return null;
    }
  }

  /** Creates a job for an element instance and makes it ready for workers. */
  Job add(ElementInstance instance, String type, int retries, Map<String, String> headers) {
    ProcessInstance process = state.processInstances.get(instance.processInstanceKey);
    Job job = new Job();
    job.key = state.nextKey();
    job.type = type;
    job.bindTo(instance);
    job.processVersion = process.version;
    job.customHeaders = headers;
    job.retries = retries;
    state.add(job);
    state.jobQueue.makeReady(job);
    outcomes.jobsAvailable(type);
    return job;
  }

  /**
   * A worker failed the job: with retries left it is ready again (after its back-off), without it
   * is an incident on its element (or listener) that resolving retries.
   */
  void fail(Job job, int retries, String message, long backOff, Map<String, Object> vars) {
    job.retries = retries;
    job.errorMessage = message;
    job.activated = false;
    job.deadline = null;
    job.worker = null;
    job.state = JobState.FAILED;
    if (!vars.isEmpty()) {
      variables.setAllLocal(job.elementInstanceKey, vars);
    }
    if (retries > 0) {
      if (backOff > 0) {
        job.retryAt = now.getAsLong() + backOff;
        state.jobQueue.wakeAt(job, job.retryAt);
      } else {
        state.jobQueue.makeReady(job);
        outcomes.jobsAvailable(job.type);
      }
      return;
    }
    ElementInstance instance = state.elementInstances.get(job.elementInstanceKey);
    String text = message == null || message.isBlank() ? "No more retries left." : message;
    IncidentErrorType type =
        job.kind == TaskListeners.KIND
            ? IncidentErrorType.TASK_LISTENER_NO_RETRIES
            : job.kind == ExecutionListeners.KIND
                ? IncidentErrorType.EXECUTION_LISTENER_NO_RETRIES
                : IncidentErrorType.JOB_NO_RETRIES;
    Incident incident = incidents.raise(instance, type, text);
    incident.jobKey = job.key;
    job.incidentKey = incident.key;
  }
}
