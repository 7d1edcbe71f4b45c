package io.rollgate.engine.internal.feel;

import org.camunda.feel.syntaxtree.ParsedExpression;

/**
 * A value in a BPMN attribute: either a static text or a FEEL expression (text starting with {@code
 * =}), parsed once at deploy time.
 *
 * @param source the attribute text as written in the model
 * @param parsed the parsed FEEL expression, or {@code null} for a static value
 * @param unbounded whether it loops or recurses, so that its evaluation runs within the {@link
 *     EvaluationBudget}
 */
public record Expression(String source, ParsedExpression parsed, boolean unbounded) {

  /** A static value, or FEEL without loops. */
  public Expression(String source, ParsedExpression parsed) {
    this(source, parsed, false);
  }

  /** Whether the value is the static text itself rather than FEEL. */
  public boolean isStatic() {
    return parsed == null;
  }

  @Override
  public String toString() {
    return source;
  }
}
