package io.rollgate.engine.internal.processor;

import io.rollgate.engine.internal.feel.EvaluationException;
import io.rollgate.engine.internal.feel.Feel;
import io.rollgate.engine.internal.model.Behavior;
import io.rollgate.engine.internal.model.ElementSpec;
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
      code =
          feel.evaluateString(
              node.spec(ElementSpec.ErrorThrow.class).code(), variables.visible(instance.key));
    } catch (EvaluationException e) {
      incidents.failActivation(instance, e);
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
        runtime.activation().triggerEventSubProcess(current, errorStart, error.variables());
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
        runtime.activation().activateEvent(boundary, scope, error.variables());
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
      code =
          feel.evaluateString(
              node.spec(ElementSpec.EscalationThrow.class).code(), variables.visible(thrower.key));
    } catch (EvaluationException e) {
      incidents.failActivation(thrower, e);
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
              : catching(triggers(runtime.nodeOf(current), Behavior.ESCALATION_START), code);
      if (start != null) {
        interrupted = start.interrupting();
        runtime.activation().triggerEventSubProcess(current, start, Map.of());
        break;
      }
      FlowNode boundary =
          current.flowScopeKey == null || multiInstances.isInner(current)
              ? null
              : catching(boundaries(runtime.nodeOf(current), Behavior.ESCALATION_BOUNDARY), code);
      if (boundary != null) {
        ElementInstance scope = state.elementInstances.get(current.flowScopeKey);
        interrupted = boundary.interrupting();
        if (interrupted) {
          runtime.termination().terminate(current);
        }
        runtime.activation().activateEvent(boundary, scope, Map.of());
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
    return catching(triggers(scopeNode, Behavior.ERROR_START), code);
  }

  private static FlowNode catchingBoundary(FlowNode activity, String code) {
    return catching(boundaries(activity, Behavior.ERROR_BOUNDARY), code);
  }

  /** The start events of the scope's event sub-processes that have this behaviour. */
  private static List<FlowNode> triggers(FlowNode scopeNode, Behavior behavior) {
    return scopeNode.eventSubProcesses().stream()
        .map(e -> e.spec(ElementSpec.EventSubProcess.class).trigger())
        .filter(t -> t.behavior() == behavior)
        .toList();
  }

  /** The boundary events of the activity that have this behaviour. */
  private static List<FlowNode> boundaries(FlowNode activity, Behavior behavior) {
    return activity.boundaryEvents().stream().filter(b -> b.behavior() == behavior).toList();
  }

  /** The catcher of the code among the candidates: its own code first, else a catch-all. */
  private static FlowNode catching(List<FlowNode> candidates, String code) {
    FlowNode catchAll = null;
    for (FlowNode candidate : candidates) {
      String caught = caughtCode(candidate);
      if (code.equals(caught)) {
        return candidate;
      }
      if (caught == null && catchAll == null) {
        catchAll = candidate;
      }
    }
    return catchAll;
  }

  /** The error or escalation code a catch event catches, or null when it catches every one. */
  private static String caughtCode(FlowNode catcher) {
    if (catcher.spec() instanceof ElementSpec.ErrorCatch error) {
      return error.code();
    }
    return catcher.spec(ElementSpec.EscalationCatch.class).code();
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
