package io.rollgate.engine.internal.processor;

import io.rollgate.engine.internal.feel.EvaluationException;
import io.rollgate.engine.internal.model.Behavior;
import io.rollgate.engine.internal.model.ElementSpec;
import io.rollgate.engine.internal.model.FlowNode;
import io.rollgate.engine.internal.state.ElementInstance;

/**
 * Intermediate events (and receive tasks, escalation and compensation end events). Catching ones
 * wait for their message, signal or timer, unless the event-based gateway before them already saw
 * it happen; throwing ones broadcast their signal, throw their escalation or compensate, and go on.
 */
final class IntermediateEventBehavior implements ElementBehavior {
  static final Behavior[] KINDS = {
    Behavior.MESSAGE_CATCH,
    Behavior.SIGNAL_CATCH,
    Behavior.TIMER_CATCH,
    Behavior.SIGNAL_THROW,
    Behavior.ESCALATION_THROW,
    Behavior.COMPENSATION_THROW
  };

  private final Runtime runtime;

  IntermediateEventBehavior(Runtime runtime) {
    this.runtime = runtime;
  }

  @Override
  public void activate(ElementInstance instance, FlowNode node) {
    switch (node.behavior()) {
      case MESSAGE_CATCH -> runtime.subscriptions().catchOrTakeTrigger(instance, node);
      case SIGNAL_CATCH -> runtime.subscriptions().openSignalCatch(instance, node);
      case TIMER_CATCH -> {
        if (!runtime.subscriptions().takePreTrigger(instance, node)) {
          runtime.timers().scheduleCatchTimer(instance, node);
        }
      }
      case SIGNAL_THROW -> throwSignal(instance, node);
      case ESCALATION_THROW -> runtime.errors().throwEscalation(instance, node);
      case COMPENSATION_THROW -> runtime.compensations().throwCompensation(instance, node);
      default -> throw new IllegalStateException(node + " is not an intermediate event");
    }
  }

  private void throwSignal(ElementInstance instance, FlowNode node) {
    String name;
    try {
      name =
          runtime
              .feel()
              .evaluateString(
                  node.spec(ElementSpec.SignalEvent.class).name(),
                  runtime.variables().visible(instance.key));
    } catch (EvaluationException e) {
      runtime.incidents().failActivation(instance, e);
      return;
    }
    runtime.signals().broadcast(name, runtime.variables().local(instance.key));
    runtime.completeLater(instance);
  }
}
