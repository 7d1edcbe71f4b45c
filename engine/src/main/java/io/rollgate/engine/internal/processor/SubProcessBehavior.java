package io.rollgate.engine.internal.processor;

import io.rollgate.engine.internal.model.Behavior;
import io.rollgate.engine.internal.model.FlowNode;
import io.rollgate.engine.internal.state.ElementInstance;

/**
 * An embedded sub-process opens the triggers of its event sub-processes and enters its none start
 * event; it completes when nothing inside is active any more. An event sub-process is entered only
 * by its start event's trigger, never by a flow.
 */
final class SubProcessBehavior implements ElementBehavior {
  static final Behavior[] KINDS = {Behavior.SUB_PROCESS, Behavior.EVENT_SUB_PROCESS};

  private final Runtime runtime;

  SubProcessBehavior(Runtime runtime) {
    this.runtime = runtime;
  }

  @Override
  public void activate(ElementInstance instance, FlowNode node) {
    if (node.behavior() == Behavior.EVENT_SUB_PROCESS) {
      throw new IllegalStateException(node + " is entered by its trigger, not by a flow");
    }
    runtime.subscriptions().openEventSubProcessTriggers(instance, node);
    runtime.enterLater(node.noneStart(), instance);
  }
}
