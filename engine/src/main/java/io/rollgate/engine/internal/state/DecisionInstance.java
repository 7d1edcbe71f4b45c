package io.rollgate.engine.internal.state;

import io.rollgate.engine.internal.decision.DecisionType;
import java.util.List;

/**
 * One decision evaluated as part of an evaluation: the called decision and each decision it
 * required. Its id is {@code <evaluationKey>-<index>}, index counting from 1 in evaluation order.
 */
public final class DecisionInstance {
  public String id;
  public long evaluationKey;
  public int index;

  public DecisionInstanceState state;

  public long evaluationDate;
  public String evaluationFailure;

  public long decisionDefinitionKey;
  public String decisionId;
  public String decisionName;
  public int decisionVersion;
  public DecisionType decisionType;
  public String tenantId;

  /** The decision's output as JSON text. */
  public String result;

  public List<Input> inputs;
  public List<Rule> matchedRules;

  /** The process context when a business rule task evaluated it; -1 when called over the API. */
  public long processDefinitionKey;

  public long processInstanceKey;
  public long elementInstanceKey;

  /** An evaluated input of a decision table; {@code value} is JSON text. */
  public record Input(String inputId, String inputName, String inputValue) {}

  /** An evaluated output of a matched rule; {@code value} is JSON text. */
  public record Output(String outputId, String outputName, String outputValue) {}

  /** A matched rule of a decision table, with its outputs. */
  public record Rule(String ruleId, int ruleIndex, List<Output> evaluatedOutputs) {}
}
