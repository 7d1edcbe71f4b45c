package io.rollgate.engine.internal.processor;

import io.rollgate.engine.internal.model.Behavior;
import io.rollgate.engine.internal.model.FlowNode;
import io.rollgate.engine.internal.state.ElementInstance;

/**
 * Start events with a trigger (message, timer, signal, escalation, error): entered when the trigger
 * arrives and completed at once. An error start event only ever starts an event sub-process by its
 * trigger; a flow never reaches it.
 */
final class StartEventBehavior implements ElementBehavior {
  static final Behavior[] KINDS = {
    Behavior.MESSAGE_START,
    Behavior.TIMER_START,
    Behavior.SIGNAL_START,
    Behavior.ESCALATION_START,
    Behavior.ERROR_START
  };

  private final Runtime runtime;

  StartEventBehavior(Runtime runtime) {
    this.runtime = runtime;
  }

  @Override
  public void activate(ElementInstance instance, FlowNode node) {
    if (node.behavior() == Behavior.ERROR_START) {
      throw new IllegalStateException(node + " is entered by its trigger, not by a flow");
    }
    runtime.completeLater(instance);
  }
}
