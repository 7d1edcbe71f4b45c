package io.rollgate.engine.internal.processor;

import io.rollgate.engine.internal.feel.EvaluationException;
import io.rollgate.engine.internal.feel.Feel;
import io.rollgate.engine.internal.model.Behavior;
import io.rollgate.engine.internal.model.ElementType;
import io.rollgate.engine.internal.model.FlowNode;
import io.rollgate.engine.internal.state.ElementInstance;
import io.rollgate.engine.internal.state.EngineState;
import io.rollgate.engine.internal.state.IncidentErrorType;
import io.rollgate.engine.internal.state.PendingStep;
import io.rollgate.engine.internal.state.ThrownError;
import java.util.List;
import java.util.Map;

/**
 * BPMN errors and escalations, thrown by end and intermediate events, by job workers and by called
 * instances: each travels outwards through the enclosing scopes (and from a called instance to its
 * call activity) to the first event sub-process or boundary event that catches its code.
 */
final class ErrorPropagation {
  private final EngineState state;
  private final Feel feel;
  private final Variables variables;
  private final MultiInstances multiInstances;
  private final Incidents incidents;
  private final Runtime runtime;

  ErrorPropagation(
      EngineState state,
      Feel feel,
      Variables variables,
      MultiInstances multiInstances,
      Incidents incidents,
      Runtime runtime) {
    this.state = state;
    this.feel = feel;
    this.variables = variables;
    this.multiInstances = multiInstances;
    this.incidents = incidents;
    this.runtime = runtime;
  }

  void throwFromEndEvent(ElementInstance instance, FlowNode node) {
    String code;
    try {
      code = feel.evaluateString(node.errorCode(), variables.visible(instance.key));
    } catch (EvaluationException e) {
      incidents.fail(
          instance, PendingStep.ACTIVATE, IncidentErrorType.EXTRACT_VALUE_ERROR, e.getMessage());
      return;
    }
    throwError(instance, new ThrownError(code, null, Map.of()));
  }

  /**
   * Looks for a catching error boundary event from the thrower outwards. Caught: the activity it is
   * attached to is terminated and the boundary event takes over. Not caught: an incident.
   *
   * @return whether the error was caught
   */
  boolean throwError(ElementInstance thrower, ThrownError error) {
    ElementInstance current = thrower;
    ElementInstance previous = null;
    while (current != null) {
      boolean fromOwnEventSubProcess =
          previous != null && previous.type == ElementType.EVENT_SUB_PROCESS;
      FlowNode errorStart =
          current == thrower
                  || fromOwnEventSubProcess
                  || current.type == ElementType.EVENT_SUB_PROCESS
              ? null
              : catchingEventSubProcess(runtime.nodeOf(current), error.code());
      if (errorStart != null) {
        runtime.triggerEventSubProcess(current, errorStart, error.variables());
        return true;
      }
      FlowNode boundary =
          current.flowScopeKey == null || multiInstances.isInner(current)
              ? null
              : catchingBoundary(runtime.nodeOf(current), error.code());
      if (boundary != null) {
        ElementInstance attached = current;
        ElementInstance scope = state.elementInstances.get(attached.flowScopeKey);
        runtime.termination().terminate(attached);
        runtime.activateEvent(boundary, scope, error.variables());
        return true;
      }
      previous = current;
      current = enclosing(current);
    }
    thrower.thrownError = error;
    String detail =
        "Expected to throw an error event with the code '"
            + error.code()
            + "'"
            + (error.message() == null || error.message().isBlank()
                ? ""
                : " with message '" + error.message() + "'")
            + ", but it was not caught. No error events are available in the scope.";
    incidents.fail(
        thrower, PendingStep.THROW_ERROR, IncidentErrorType.UNHANDLED_ERROR_EVENT, detail);
    return false;
  }

  /**
   * Throws an escalation from the event outwards: the first event sub-process of an enclosing scope
   * or boundary event of an enclosing sub-process or call activity that catches its code takes it.
   * An interrupting one ends the scope with the thrower in it; otherwise, and when nothing catches
   * it, the thrower goes on.
   */
  void throwEscalation(ElementInstance thrower, FlowNode node) {
    String code;
    try {
      code = feel.evaluateString(node.escalationCode(), variables.visible(thrower.key));
    } catch (EvaluationException e) {
      incidents.fail(
          thrower, PendingStep.ACTIVATE, IncidentErrorType.EXTRACT_VALUE_ERROR, e.getMessage());
      return;
    }
    boolean interrupted = false;
    ElementInstance current = enclosing(thrower);
    ElementInstance previous = thrower;
    while (current != null) {
      FlowNode start =
          previous.type == ElementType.EVENT_SUB_PROCESS
                  || current.type == ElementType.EVENT_SUB_PROCESS
              ? null
              : catchingEscalation(
                  runtime.nodeOf(current).eventSubProcesses().stream()
                      .map(FlowNode::eventTrigger)
                      .filter(t -> t != null && t.behavior() == Behavior.ESCALATION_START)
                      .toList(),
                  code);
      if (start != null) {
        interrupted = start.interrupting();
        runtime.triggerEventSubProcess(current, start, Map.of());
        break;
      }
      FlowNode boundary =
          current.flowScopeKey == null || multiInstances.isInner(current)
              ? null
              : catchingEscalation(
                  runtime.nodeOf(current).boundaryEvents().stream()
                      .filter(b -> b.behavior() == Behavior.ESCALATION_BOUNDARY)
                      .toList(),
                  code);
      if (boundary != null) {
        ElementInstance scope = state.elementInstances.get(current.flowScopeKey);
        interrupted = boundary.interrupting();
        if (interrupted) {
          runtime.termination().terminate(current);
        }
        runtime.activateEvent(boundary, scope, Map.of());
        break;
      }
      previous = current;
      current = enclosing(current);
    }
    if (!interrupted) {
      runtime.completeLater(thrower);
    }
  }

  /** The error start event of an event sub-process in this scope that catches the code. */
  private static FlowNode catchingEventSubProcess(FlowNode scopeNode, String code) {
    FlowNode catchAll = null;
    for (FlowNode eventSubProcess : scopeNode.eventSubProcesses()) {
      FlowNode start = eventSubProcess.eventTrigger();
      if (start == null || start.behavior() != Behavior.ERROR_START) {
        continue;
      }
      if (code.equals(start.caughtErrorCode())) {
        return start;
      }
      if (start.caughtErrorCode() == null && catchAll == null) {
        catchAll = start;
      }
    }
    return catchAll;
  }

  /** The catcher of the code among the candidates: its own code first, else a catch-all. */
  private static FlowNode catchingEscalation(List<FlowNode> candidates, String code) {
    FlowNode catchAll = null;
    for (FlowNode candidate : candidates) {
      if (code.equals(candidate.caughtEscalationCode())) {
        return candidate;
      }
      if (candidate.caughtEscalationCode() == null && catchAll == null) {
        catchAll = candidate;
      }
    }
    return catchAll;
  }

  private static FlowNode catchingBoundary(FlowNode activity, String code) {
    FlowNode catchAll = null;
    for (FlowNode boundary : activity.boundaryEvents()) {
      if (boundary.behavior() != Behavior.ERROR_BOUNDARY) {
        continue;
      }
      if (code.equals(boundary.caughtErrorCode())) {
        return boundary;
      }
      if (boundary.caughtErrorCode() == null && catchAll == null) {
        catchAll = boundary;
      }
    }
    return catchAll;
  }

  /** The enclosing scope; for a called instance's root, the call activity that started it. */
  private ElementInstance enclosing(ElementInstance instance) {
    if (instance.flowScopeKey != null) {
      return state.elementInstances.get(instance.flowScopeKey);
    }
    Long caller = state.processInstances.get(instance.key).parentElementInstanceKey;
    return caller == null ? null : state.elementInstances.get(caller);
  }
}
