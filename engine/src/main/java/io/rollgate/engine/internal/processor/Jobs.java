package io.rollgate.engine.internal.processor;

import io.rollgate.engine.internal.feel.EvaluationException;
import io.rollgate.engine.internal.feel.Expression;
import io.rollgate.engine.internal.feel.Feel;
import io.rollgate.engine.internal.state.ElementInstance;
import io.rollgate.engine.internal.state.EngineState;
import io.rollgate.engine.internal.state.IncidentErrorType;
import io.rollgate.engine.internal.state.Job;
import io.rollgate.engine.internal.state.PendingStep;
import io.rollgate.engine.internal.state.ProcessInstance;
import java.util.Map;

/** Creates the jobs of elements and listeners, ready for workers. */
final class Jobs {
  private final EngineState state;
  private final Feel feel;
  private final Variables variables;
  private final Incidents incidents;
  private final Outcomes outcomes;

  Jobs(EngineState state, Feel feel, Variables variables, Incidents incidents, Outcomes outcomes) {
    this.state = state;
    this.feel = feel;
    this.variables = variables;
    this.incidents = incidents;
    this.outcomes = outcomes;
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
    job.elementInstanceKey = instance.key;
    job.processInstanceKey = instance.processInstanceKey;
    job.processDefinitionKey = instance.processDefinitionKey;
    job.processId = instance.processId;
    job.processVersion = process.version;
    job.elementId = instance.elementId;
    job.tenantId = instance.tenantId;
    job.customHeaders = headers;
    job.retries = retries;
    state.add(job);
    state.jobQueue.makeReady(job);
    outcomes.jobsAvailable(type);
    return job;
  }
}
