package io.rollgate.engine.feel;

import org.camunda.feel.syntaxtree.ParsedExpression;

/**
 * A value in a BPMN attribute: either a static text or a FEEL expression (text starting with {@code
 * =}), parsed once at deploy time.
 *
 * @param source the attribute text as written in the model
 * @param parsed the parsed FEEL expression, or {@code null} for a static value
 */
public record Expression(String source, ParsedExpression parsed) {

  /** Whether the value is the static text itself rather than FEEL. */
  public boolean isStatic() {
    return parsed == null;
  }

  @Override
  public String toString() {
    return source;
  }
}
