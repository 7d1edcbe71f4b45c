package io.rollgate.engine.internal.api;

import io.rollgate.engine.internal.decision.Dmn;
import io.rollgate.engine.internal.state.DecisionDefinition;
import io.rollgate.engine.internal.state.DecisionInstance;
import io.rollgate.engine.internal.state.DecisionRequirements;
import java.util.ArrayList;
import java.util.List;

/** The JSON shapes of decision definitions, evaluations and decision instances. */
public final class DecisionViews {
  private DecisionViews() {}

  /** A decision definition in search results and {@code GET /v2/decision-definitions/{key}}. */
  public record DecisionDefinitionView(
      String decisionDefinitionId,
      String name,
      int version,
      String decisionRequirementsId,
      String tenantId,
      String decisionDefinitionKey,
      String decisionRequirementsKey) {}

  public static DecisionDefinitionView of(DecisionDefinition d) {
    return new DecisionDefinitionView(
        d.decisionId,
        d.name,
        d.version,
        d.decisionRequirementsId,
        d.tenantId,
        Views.key(d.key),
        Views.key(d.decisionRequirementsKey));
  }

  public record EvaluatedInput(String inputId, String inputName, String inputValue) {}

  public record EvaluatedOutput(String outputId, String outputName, String outputValue) {}

  public record MatchedRule(String ruleId, int ruleIndex, List<EvaluatedOutput> evaluatedOutputs) {}

  /** One decision of an evaluation, in the evaluation answer. */
  public record EvaluatedDecision(
      String decisionDefinitionId,
      String decisionDefinitionName,
      int decisionDefinitionVersion,
      String decisionDefinitionType,
      String output,
      String tenantId,
      List<MatchedRule> matchedRules,
      List<EvaluatedInput> evaluatedInputs,
      String decisionDefinitionKey,
      String decisionEvaluationInstanceKey) {}

  /** {@code POST /v2/decision-definitions/evaluation}. */
  public record DecisionEvaluation(
      String decisionDefinitionId,
      String decisionDefinitionName,
      int decisionDefinitionVersion,
      String decisionRequirementsId,
      String output,
      String failedDecisionDefinitionId,
      String failureMessage,
      String tenantId,
      String decisionDefinitionKey,
      String decisionRequirementsKey,
      String decisionInstanceKey,
      String decisionEvaluationKey,
      List<EvaluatedDecision> evaluatedDecisions) {}

  public static DecisionEvaluation evaluation(
      DecisionDefinition decision,
      DecisionRequirements graph,
      long evaluationKey,
      Dmn.Evaluation evaluation,
      List<DecisionInstance> instances) {
    List<EvaluatedDecision> evaluated = new ArrayList<>();
    for (DecisionInstance i : instances) {
      evaluated.add(
          new EvaluatedDecision(
              i.decisionId,
              i.decisionName,
              i.decisionVersion,
              i.decisionType.name(),
              i.result,
              i.tenantId,
              rules(i),
              inputs(i),
              Views.key(i.decisionDefinitionKey),
              i.id));
    }
    return new DecisionEvaluation(
        decision.decisionId,
        decision.name,
        decision.version,
        graph.decisionRequirementsId,
        evaluation.failed() ? null : Json.text(evaluation.output()),
        evaluation.failedDecisionId(),
        evaluation.failureMessage(),
        decision.tenantId,
        Views.key(decision.key),
        Views.key(graph.key),
        Views.key(evaluationKey),
        Views.key(evaluationKey),
        evaluated);
  }

  /**
   * A decision instance: in search results without {@code evaluatedInputs} and {@code
   * matchedRules}, with them from {@code GET /v2/decision-instances/{id}}.
   */
  public record DecisionInstanceView(
      String decisionEvaluationInstanceKey,
      String state,
      String evaluationDate,
      String evaluationFailure,
      String decisionDefinitionId,
      String decisionDefinitionName,
      int decisionDefinitionVersion,
      String decisionDefinitionType,
      String result,
      String tenantId,
      String decisionEvaluationKey,
      String processDefinitionKey,
      String processInstanceKey,
      String decisionDefinitionKey,
      String elementInstanceKey,
      List<EvaluatedInput> evaluatedInputs,
      List<MatchedRule> matchedRules) {}

  public static DecisionInstanceView of(DecisionInstance i) {
    return view(i, false);
  }

  public static DecisionInstanceView detailed(DecisionInstance i) {
    return view(i, true);
  }

  private static DecisionInstanceView view(DecisionInstance i, boolean detailed) {
    return new DecisionInstanceView(
        i.id,
        i.state.name(),
        Views.date(i.evaluationDate),
        i.evaluationFailure,
        i.decisionId,
        i.decisionName,
        i.decisionVersion,
        i.decisionType.name(),
        i.result,
        i.tenantId,
        Views.key(i.evaluationKey),
        Views.key(i.processDefinitionKey),
        Views.key(i.processInstanceKey),
        Views.key(i.decisionDefinitionKey),
        Views.key(i.elementInstanceKey),
        detailed ? inputs(i) : null,
        detailed ? rules(i) : null);
  }

  private static List<EvaluatedInput> inputs(DecisionInstance i) {
    return i.inputs.stream()
        .map(in -> new EvaluatedInput(in.inputId(), in.inputName(), in.inputValue()))
        .toList();
  }

  private static List<MatchedRule> rules(DecisionInstance i) {
    return i.matchedRules.stream()
        .map(
            r ->
                new MatchedRule(
                    r.ruleId(),
                    r.ruleIndex(),
                    r.evaluatedOutputs().stream()
                        .map(
                            o -> new EvaluatedOutput(o.outputId(), o.outputName(), o.outputValue()))
                        .toList()))
        .toList();
  }
}
