package io.rollgate.engine.internal.processor;

import io.rollgate.engine.internal.feel.EvaluationException;
import io.rollgate.engine.internal.feel.Feel;
import io.rollgate.engine.internal.model.Binding;
import io.rollgate.engine.internal.model.ElementSpec;
import io.rollgate.engine.internal.model.FlowNode;
import io.rollgate.engine.internal.state.ElementInstance;
import io.rollgate.engine.internal.state.EngineState;
import io.rollgate.engine.internal.state.IncidentErrorType;
import io.rollgate.engine.internal.state.PendingStep;
import io.rollgate.engine.internal.state.ProcessDefinition;
import io.rollgate.engine.internal.state.ProcessInstance;
import java.util.Map;
import java.util.TreeMap;

/**
 * Call activities: start the version of the called process their binding chooses (latest, deployed
 * with the caller, or by version tag) with the caller's variables, and complete with the called
 * instance's variables when it completes.
 */
final class CallActivities {
  private final EngineState state;
  private final Feel feel;
  private final Variables variables;
  private final Runtime runtime;

  CallActivities(EngineState state, Feel feel, Variables variables, Runtime runtime) {
    this.state = state;
    this.feel = feel;
    this.variables = variables;
    this.runtime = runtime;
  }

  /** The version of the called process the call activity's binding chooses, or null. */
  private ProcessDefinition bound(ElementInstance instance, Binding binding, String processId) {
    TreeMap<Integer, ProcessDefinition> versions = state.definitionsById.get(processId);
    if (versions == null) {
      return null;
    }
    return switch (binding.type()) {
      case LATEST -> versions.lastEntry().getValue();
      case DEPLOYMENT -> {
        Long key = state.definitions.get(instance.processDefinitionKey).deployedWith.get(processId);
        yield key == null ? null : state.definitions.get(key);
      }
      case VERSION_TAG ->
          versions.descendingMap().values().stream()
              .filter(d -> binding.versionTag().equals(d.versionTag))
              .findFirst()
              .orElse(null);
    };
  }

  /** Starts the called process, or raises an incident when it is not deployed. */
  void call(ElementInstance instance, FlowNode node) {
    ElementSpec.CalledProcess spec = node.spec(ElementSpec.CalledProcess.class);
    String processId;
    try {
      processId = feel.evaluateString(spec.processId(), variables.visible(instance.key));
    } catch (EvaluationException e) {
      runtime.incidents().failActivation(instance, e);
      return;
    }
    ProcessDefinition called = bound(instance, spec.binding(), processId);
    if (called == null || called.model.root().noneStart() == null) {
      runtime
          .incidents()
          .fail(
              instance,
              PendingStep.ACTIVATE,
              IncidentErrorType.CALLED_ELEMENT_ERROR,
              "Expected process with BPMN process id '"
                  + processId
                  + "' to be deployed"
                  + switch (spec.binding().type()) {
                    case LATEST -> "";
                    case DEPLOYMENT ->
                        " in the deployment of the calling process (binding type 'deployment')";
                    case VERSION_TAG ->
                        " with version tag '"
                            + spec.binding().versionTag()
                            + "' (binding type 'versionTag')";
                  }
                  + (called == null ? "" : " with a none start event")
                  + ", but not found.");
      return;
    }
    Map<String, Object> handed =
        spec.propagateAllParentVariables()
            ? variables.visible(instance.key)
            : variables.local(instance.key);
    ProcessInstance child =
        runtime.activation().startInstance(called, handed, called.model.root().noneStart());
    child.parentProcessInstanceKey = instance.processInstanceKey;
    child.parentElementInstanceKey = instance.key;
    instance.calledInstanceKey = child.key;
  }

  /**
   * A called instance completed: its variables come back and the call activity completes.
   *
   * <p>With output mappings the called instance's variables become local variables of the call
   * activity, whatever {@code propagateAllChildVariables} says, so that the mappings can read them;
   * only what the mappings name reaches the caller's scopes. Without output mappings they are
   * merged outwards from the call activity when {@code propagateAllChildVariables} is on (the
   * default), and dropped when it is off.
   */
  void returnToCaller(ProcessInstance child) {
    ElementInstance caller = state.elementInstances.get(child.parentElementInstanceKey);
    if (caller == null || !caller.isActive()) {
      return;
    }
    FlowNode node = runtime.nodeOf(caller);
    if (node.spec(ElementSpec.CalledProcess.class).propagateAllChildVariables()
        || !node.outputs().isEmpty()) {
      runtime.variables().mergeResult(caller, node, variables.local(child.key));
    }
    runtime.completeLater(caller);
  }
}
