package io.rollgate.engine.internal.processor;

import io.rollgate.engine.internal.feel.EvaluationException;
import io.rollgate.engine.internal.state.ElementInstance;
import io.rollgate.engine.internal.state.EngineState;
import io.rollgate.engine.internal.state.Incident;
import io.rollgate.engine.internal.state.IncidentErrorType;
import io.rollgate.engine.internal.state.PendingStep;
import java.util.function.LongSupplier;

/** Raises the incidents that stop an element until someone resolves them. */
final class Incidents {
  private final EngineState state;
  private final LongSupplier now;

  Incidents(EngineState state, LongSupplier now) {
    this.state = state;
    this.now = now;
  }

  /** Stops the element at an incident; resolving it redoes {@code step}. */
  void fail(ElementInstance instance, PendingStep step, IncidentErrorType type, String message) {
    instance.pendingStep = step;
    raise(instance, type, message);
  }

  /**
   * An expression the element's activation needs failed: an {@code EXTRACT_VALUE_ERROR} incident
   * whose resolution activates the element again.
   */
  void failActivation(ElementInstance instance, EvaluationException e) {
    fail(instance, PendingStep.ACTIVATE, IncidentErrorType.EXTRACT_VALUE_ERROR, e.getMessage());
  }

  /** An incident on the element, counted on its process instance. */
  Incident raise(ElementInstance instance, IncidentErrorType type, String message) {
    Incident incident = new Incident();
    incident.key = state.nextKey();
    incident.errorType = type;
    incident.errorMessage = message;
    incident.bindTo(instance);
    incident.creationTime = now.getAsLong();
    state.add(incident);
    instance.incidentKey = incident.key;
    state.processInstances.get(instance.processInstanceKey).activeIncidents++;
    return incident;
  }
}
