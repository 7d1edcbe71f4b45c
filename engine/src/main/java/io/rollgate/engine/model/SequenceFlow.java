package io.rollgate.engine.model;

import io.rollgate.engine.feel.Expression;

/** A sequence flow of a deployed process. */
public final class SequenceFlow {
  private final String id;
  private final Expression condition;
  private FlowNode source;
  private FlowNode target;

  SequenceFlow(String id, Expression condition) {
    this.id = id;
    this.condition = condition;
  }

  public String id() {
    return id;
  }

  /** The FEEL condition, or {@code null} for an unconditional flow. */
  public Expression condition() {
    return condition;
  }

  public FlowNode source() {
    return source;
  }

  public FlowNode target() {
    return target;
  }

  void connect(FlowNode source, FlowNode target) {
    this.source = source;
    this.target = target;
  }
}
