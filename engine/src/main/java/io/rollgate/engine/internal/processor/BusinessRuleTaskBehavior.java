package io.rollgate.engine.internal.processor;

import io.rollgate.engine.internal.api.Json;
import io.rollgate.engine.internal.feel.EvaluationException;
import io.rollgate.engine.internal.model.Binding;
import io.rollgate.engine.internal.model.ElementSpec;
import io.rollgate.engine.internal.model.FlowNode;
import io.rollgate.engine.internal.state.DecisionDefinition;
import io.rollgate.engine.internal.state.ElementInstance;
import io.rollgate.engine.internal.state.EngineState;
import io.rollgate.engine.internal.state.IncidentErrorType;
import io.rollgate.engine.internal.state.PendingStep;
import io.rollgate.engine.internal.state.ProcessInstance;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A business rule task calling a DMN decision: the decision is found by its binding type, evaluated
 * with the visible variables, and its output stored in the result variable. No such decision, or a
 * failing evaluation, raises an incident.
 */
final class BusinessRuleTaskBehavior implements ElementBehavior {
  private final Runtime runtime;

  BusinessRuleTaskBehavior(Runtime runtime) {
    this.runtime = runtime;
  }

  @Override
  public void activate(ElementInstance instance, FlowNode node) {
    ElementSpec.CalledDecision called = node.spec(ElementSpec.CalledDecision.class);
    Map<String, Object> visible = runtime.variables().visible(instance.key);
    String decisionId;
    try {
      decisionId = runtime.feel().evaluateString(called.decisionId(), visible);
    } catch (EvaluationException e) {
      runtime.incidents().failActivation(instance, e);
      return;
    }
    DecisionDefinition decision = find(instance, called.binding(), decisionId);
    if (decision == null) {
      runtime
          .incidents()
          .fail(
              instance,
              PendingStep.ACTIVATE,
              IncidentErrorType.CALLED_DECISION_ERROR,
              "Expected to evaluate decision '"
                  + decisionId
                  + "', but no decision found for id '"
                  + decisionId
                  + "'"
                  + switch (called.binding().type()) {
                    case DEPLOYMENT ->
                        " in the deployment of the process (binding type 'deployment')";
                    case VERSION_TAG ->
                        " with version tag '"
                            + called.binding().versionTag()
                            + "' (binding type 'versionTag')";
                    case LATEST -> "";
                  }
                  + ". Deploy a DMN resource with this decision, then resolve the incident.");
      return;
    }
    ProcessInstance process = runtime.state().processInstances.get(instance.processInstanceKey);
    Decisions.Outcome outcome =
        runtime
            .decisions()
            .evaluate(
                decision,
                visible,
                process.processDefinitionKey,
                instance.processInstanceKey,
                instance.key);
    if (outcome.failed()) {
      runtime
          .incidents()
          .fail(
              instance,
              PendingStep.ACTIVATE,
              IncidentErrorType.DECISION_EVALUATION_ERROR,
              "Expected to evaluate decision '"
                  + decisionId
                  + "', but "
                  + outcome.evaluation().failureMessage());
      return;
    }
    Map<String, Object> vars = new LinkedHashMap<>();
    vars.put(called.resultVariable(), Json.normalize(outcome.evaluation().output()));
    runtime.variables().mergeResult(instance, node, vars);
    runtime.completeLater(instance);
  }

  private DecisionDefinition find(ElementInstance instance, Binding binding, String decisionId) {
    EngineState state = runtime.state();
    return switch (binding.type()) {
      case DEPLOYMENT -> {
        Long key =
            state.definitions.get(instance.processDefinitionKey).deployedDecisions.get(decisionId);
        yield key == null ? null : state.decisions.get(key);
      }
      case VERSION_TAG ->
          runtime.decisions().latestWithVersionTag(decisionId, binding.versionTag());
      case LATEST -> runtime.decisions().latest(decisionId);
    };
  }
}
