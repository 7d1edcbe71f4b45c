package io.rollgate.engine.internal.processor;

import io.rollgate.engine.internal.model.Behavior;
import io.rollgate.engine.internal.model.FlowNode;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The behaviour of each element kind; the processor dispatches on it and knows no element. */
final class ElementBehaviors {
  private final Map<Behavior, ElementBehavior> byKind = new EnumMap<>(Behavior.class);

  ElementBehaviors(Runtime runtime) {
    ElementBehavior completes = (instance, node) -> runtime.completeLater(instance);
    on(completes, Behavior.PASS_THROUGH);
    on(new StartEventBehavior(runtime), StartEventBehavior.KINDS);
    on(new EndEventBehavior(runtime), EndEventBehavior.KINDS);
    on(new JobTaskBehavior(runtime), Behavior.JOB);
    on((instance, node) -> runtime.userTasks().create(instance, node), Behavior.USER_TASK);
    on(new ScriptTaskBehavior(runtime), Behavior.SCRIPT);
    on(new BusinessRuleTaskBehavior(runtime), Behavior.DECISION);
    on(new GatewayBehavior(runtime), GatewayBehavior.KINDS);
    on(new IntermediateEventBehavior(runtime), IntermediateEventBehavior.KINDS);
    on(completes, BOUNDARY_EVENTS);
    on(new SubProcessBehavior(runtime), SubProcessBehavior.KINDS);
    on((instance, node) -> runtime.callActivities().call(instance, node), Behavior.CALL_ACTIVITY);
    on(
        (instance, node) -> {
          throw new IllegalStateException("a process is not activated as an element");
        },
        Behavior.PROCESS);
    List<Behavior> missing =
        Arrays.stream(Behavior.values()).filter(kind -> !byKind.containsKey(kind)).toList();
    if (!missing.isEmpty()) {
      throw new IllegalStateException("no behaviour for the element kinds " + missing);
    }
  }

  /**
   * Boundary events are entered only when their trigger (error, message, timer, signal, escalation)
   * arrives, and then complete at once: the trigger is the whole event.
   */
  private static final Behavior[] BOUNDARY_EVENTS = {
    Behavior.ERROR_BOUNDARY,
    Behavior.MESSAGE_BOUNDARY,
    Behavior.TIMER_BOUNDARY,
    Behavior.SIGNAL_BOUNDARY,
    Behavior.ESCALATION_BOUNDARY
  };

  private void on(ElementBehavior behavior, Behavior... kinds) {
    for (Behavior kind : kinds) {
      if (byKind.put(kind, behavior) != null) {
        throw new IllegalStateException("two behaviours for " + kind);
      }
    }
  }

  ElementBehavior of(FlowNode node) {
    return byKind.get(node.behavior());
  }
}
