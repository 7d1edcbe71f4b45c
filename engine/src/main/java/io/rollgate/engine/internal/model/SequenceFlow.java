package io.rollgate.engine.internal.model;

import io.rollgate.engine.internal.feel.Expression;

/** A sequence flow of a deployed process. */
public final class SequenceFlow {
  private final String id;
  private final Expression condition;
  private FlowNode source;
  private FlowNode target;
  private final boolean link;

  SequenceFlow(String id, Expression condition) {
    this(id, condition, false);
  }

  SequenceFlow(String id, Expression condition, boolean link) {
    this.id = id;
    this.condition = condition;
    this.link = link;
  }

  /**
   * Whether this is the jump from a link throw event to the link catch event of the same name: it
   * is followed like a flow but is no sequence flow of the model, so it is not reported as taken.
   */
  public boolean isLink() {
    return link;
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
