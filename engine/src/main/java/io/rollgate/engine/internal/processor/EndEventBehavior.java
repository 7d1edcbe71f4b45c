package io.rollgate.engine.internal.processor;

import io.rollgate.engine.internal.model.Behavior;
import io.rollgate.engine.internal.model.FlowNode;
import io.rollgate.engine.internal.state.ElementInstance;

/**
 * End events: a none end event completes (its scope completes when nothing else is active), an
 * error end event throws its error, a terminate end event ends everything else in its scope.
 * Message end events are job based and behave as {@link JobTaskBehavior}; escalation and
 * compensation end events as {@link IntermediateEventBehavior}.
 */
final class EndEventBehavior implements ElementBehavior {
  static final Behavior[] KINDS = {Behavior.NONE_END, Behavior.ERROR_END, Behavior.TERMINATE_END};

  private final Runtime runtime;

  EndEventBehavior(Runtime runtime) {
    this.runtime = runtime;
  }

  @Override
  public void activate(ElementInstance instance, FlowNode node) {
    switch (node.behavior()) {
      case ERROR_END -> runtime.errors().throwFromEndEvent(instance, node);
      case TERMINATE_END -> runtime.termination().terminateScope(instance);
      default -> runtime.completeLater(instance);
    }
  }
}
