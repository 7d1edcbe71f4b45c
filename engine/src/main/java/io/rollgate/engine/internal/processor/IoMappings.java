package io.rollgate.engine.internal.processor;

import io.rollgate.engine.internal.feel.EvaluationException;
import io.rollgate.engine.internal.feel.Feel;
import io.rollgate.engine.internal.model.FlowNode;
import io.rollgate.engine.internal.model.Mapping;
import io.rollgate.engine.internal.state.ElementInstance;
import io.rollgate.engine.internal.state.IncidentErrorType;
import io.rollgate.engine.internal.state.PendingStep;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An element's input and output mappings ({@code zeebe:ioMapping}), applied as it starts and ends.
 */
final class IoMappings {
  private final Feel feel;
  private final Variables variables;
  private final MultiInstances multiInstances;
  private final Incidents incidents;

  IoMappings(Feel feel, Variables variables, MultiInstances multiInstances, Incidents incidents) {
    this.feel = feel;
    this.variables = variables;
    this.multiInstances = multiInstances;
    this.incidents = incidents;
  }

  /**
   * Sets the element's input mappings as its local variables; false after an {@code
   * IO_MAPPING_ERROR} incident.
   */
  boolean applyInputs(ElementInstance instance, FlowNode node) {
    if (node.inputs().isEmpty()) {
      return true;
    }
    try {
      Map<String, Object> seen = variables.visible(instance.key);
      Map<String, Object> locals = new LinkedHashMap<>();
      for (Mapping input : node.inputs()) {
        Map<String, Object> context = new LinkedHashMap<>(seen);
        context.putAll(locals);
        Object value = feel.evaluate(input.source(), context);
        // a path target builds a new local object: only earlier mappings of this element add to
        // it, an outer variable of that name is shadowed, not copied
        var entry = variables.resolveTarget(input.target(), value, locals);
        locals.put(entry.getKey(), entry.getValue());
      }
      variables.setAllLocal(instance.key, locals);
      return true;
    } catch (EvaluationException e) {
      incidents.fail(
          instance, PendingStep.ACTIVATE, IncidentErrorType.IO_MAPPING_ERROR, e.getMessage());
      return false;
    }
  }

  /**
   * Merges the element's output mappings outwards; false after an {@code IO_MAPPING_ERROR} incident
   * whose resolution completes the element again.
   */
  boolean applyOutputs(ElementInstance instance, FlowNode node) {
    if (node.outputs().isEmpty()) {
      return true;
    }
    try {
      Map<String, Object> seen = variables.visible(instance.key);
      // an inner instance of a multi-instance merges from its own scope, so that a mapping can
      // update its local output element; any other element merges into its flow scope
      long mergeFrom = multiInstances.isInner(instance) ? instance.key : instance.flowScopeKey;
      Map<String, Object> parentSeen = variables.visible(mergeFrom);
      Map<String, Object> results = new LinkedHashMap<>();
      for (Mapping output : node.outputs()) {
        Object value = feel.evaluate(output.source(), seen);
        Map<String, Object> context = new LinkedHashMap<>(parentSeen);
        context.putAll(results);
        var entry = variables.resolveTarget(output.target(), value, context);
        results.put(entry.getKey(), entry.getValue());
      }
      variables.setAllPropagating(mergeFrom, results);
      return true;
    } catch (EvaluationException e) {
      incidents.fail(
          instance, PendingStep.COMPLETE, IncidentErrorType.IO_MAPPING_ERROR, e.getMessage());
      return false;
    }
  }
}
