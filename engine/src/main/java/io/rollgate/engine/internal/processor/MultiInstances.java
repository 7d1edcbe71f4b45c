package io.rollgate.engine.internal.processor;

import io.rollgate.engine.internal.feel.EvaluationException;
import io.rollgate.engine.internal.feel.Feel;
import io.rollgate.engine.internal.model.ElementType;
import io.rollgate.engine.internal.model.FlowNode;
import io.rollgate.engine.internal.model.MultiInstance;
import io.rollgate.engine.internal.state.ElementInstance;
import io.rollgate.engine.internal.state.EngineState;
import io.rollgate.engine.internal.state.IncidentErrorType;
import io.rollgate.engine.internal.state.PendingStep;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Multi-instance activities: a body element instance holding one inner instance per item, run in
 * parallel or one after another, collecting outputs and honouring the completion condition.
 */
final class MultiInstances {
  private final EngineState state;
  private final Feel feel;
  private final Variables variables;
  private final Runtime runtime;

  MultiInstances(EngineState state, Feel feel, Variables variables, Runtime runtime) {
    this.state = state;
    this.feel = feel;
    this.variables = variables;
    this.runtime = runtime;
  }

  /** Whether the instance is one of the inner instances of a multi-instance body. */
  boolean isInner(ElementInstance instance) {
    if (instance.flowScopeKey == null || instance.type == ElementType.MULTI_INSTANCE_BODY) {
      return false;
    }
    ElementInstance scope = state.elementInstances.get(instance.flowScopeKey);
    return scope.type == ElementType.MULTI_INSTANCE_BODY
        && scope.elementId.equals(instance.elementId);
  }

  /** Enters the body of a multi-instance activity and starts its inner instances. */
  void activateBody(FlowNode node, ElementInstance scope) {
    ElementInstance body = runtime.activation().enter(node, scope);
    body.type = ElementType.MULTI_INSTANCE_BODY;
    runBody(body, node);
  }

  void runBody(ElementInstance body, FlowNode node) {
    MultiInstance mi = node.multiInstance();
    Object items;
    try {
      items = feel.evaluate(mi.inputCollection(), variables.visible(body.key));
    } catch (EvaluationException e) {
      runtime.incidents().failActivation(body, e);
      return;
    }
    if (!(items instanceof List<?> list)) {
      runtime
          .incidents()
          .fail(
              body,
              PendingStep.ACTIVATE,
              IncidentErrorType.EXTRACT_VALUE_ERROR,
              "Expected the input collection '"
                  + mi.inputCollection()
                  + "' to be a list, but it was "
                  + (items == null ? "null" : items.getClass().getSimpleName()));
      return;
    }
    body.miItems = new ArrayList<>(list);
    if (mi.outputCollection() != null) {
      List<Object> slots = new ArrayList<>();
      list.forEach(item -> slots.add(null));
      variables.setLocal(body.key, mi.outputCollection(), slots);
    }
    if (!runtime.subscriptions().openBoundarySubscriptions(body, node)) {
      return;
    }
    if (list.isEmpty()) {
      runtime.completeLater(body);
      return;
    }
    int first = mi.sequential() ? 1 : list.size();
    for (int i = 0; i < first; i++) {
      startInner(body, node);
    }
  }

  private void startInner(ElementInstance body, FlowNode node) {
    int index = body.miNext++;
    ElementInstance inner = runtime.activation().enter(node, body);
    variables.setLocal(inner.key, "loopCounter", (long) index + 1);
    String inputElement = node.multiInstance().inputElement();
    if (inputElement != null) {
      variables.setLocal(inner.key, inputElement, body.miItems.get(index));
    }
    String outputVariable = outputVariable(node.multiInstance());
    if (outputVariable != null && !outputVariable.equals(inputElement)) {
      variables.setLocal(inner.key, outputVariable, null);
    }
    runtime.activateLater(inner, node);
  }

  private static final Pattern VARIABLE_PATH =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");

  /**
   * The variable an output element that only reads a variable or a nested property of one ({@code
   * =result}, {@code =result.status}) refers to: it is created, empty, as a local variable of each
   * inner instance, so that what a worker or a called instance hands back under that name stays in
   * the instance instead of being shared by all of them; null for any other expression.
   */
  private static String outputVariable(MultiInstance mi) {
    if (mi.outputElement() == null) {
      return null;
    }
    String text = mi.outputElement().source().trim();
    if (text.startsWith("=")) {
      text = text.substring(1).trim();
    }
    if (!VARIABLE_PATH.matcher(text).matches()) {
      return null;
    }
    int dot = text.indexOf('.');
    return dot < 0 ? text : text.substring(0, dot);
  }

  /**
   * An inner instance completed: its output element goes into the output collection; then the
   * completion condition, the next item (sequential) or the end of the body.
   */
  void innerCompleted(ElementInstance body, ElementInstance inner, FlowNode node) {
    MultiInstance mi = node.multiInstance();
    body.miCompleted++;
    Map<String, Object> seen = variables.visible(inner.key);
    try {
      if (mi.outputCollection() != null) {
        Object element = feel.evaluate(mi.outputElement(), seen);
        long counter =
            ((Number) state.localVariables(inner.key).get("loopCounter").value).longValue();
        @SuppressWarnings("unchecked")
        List<Object> collection =
            new ArrayList<>(
                (List<Object>) state.localVariables(body.key).get(mi.outputCollection()).value);
        collection.set((int) counter - 1, element);
        variables.setLocal(body.key, mi.outputCollection(), collection);
      }
      if (mi.completionCondition() != null) {
        Map<String, Object> context = new LinkedHashMap<>(variables.visible(body.key));
        context.put("numberOfInstances", (long) body.miItems.size());
        context.put("numberOfCompletedInstances", (long) body.miCompleted);
        context.put("numberOfActiveInstances", (long) body.activeChildren.size());
        if (feel.evaluateCondition(mi.completionCondition(), context)) {
          for (long other : List.copyOf(body.activeChildren)) {
            runtime.termination().terminate(state.elementInstances.get(other));
          }
          runtime.completeLater(body);
          return;
        }
      }
    } catch (EvaluationException e) {
      runtime
          .incidents()
          .fail(body, PendingStep.COMPLETE, IncidentErrorType.EXTRACT_VALUE_ERROR, e.getMessage());
      return;
    }
    if (mi.sequential() && body.miNext < body.miItems.size()) {
      startInner(body, node);
    } else if (body.activeChildren.isEmpty()) {
      runtime.completeLater(body);
    }
  }
}
