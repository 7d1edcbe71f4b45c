package io.rollgate.engine.internal.processor;

import io.rollgate.engine.internal.feel.EvaluationException;
import io.rollgate.engine.internal.model.Behavior;
import io.rollgate.engine.internal.model.FlowNode;
import io.rollgate.engine.internal.model.SequenceFlow;
import io.rollgate.engine.internal.state.ElementInstance;
import io.rollgate.engine.internal.state.IncidentErrorType;
import io.rollgate.engine.internal.state.PendingStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Gateways as they split. Exclusive: the first flow whose condition holds, else the default flow.
 * Inclusive: every flow whose condition holds, else the default flow. Neither: an incident.
 * Parallel: every flow. Event based: waits for the first of the events after it. Joining (parallel
 * and inclusive) happens before the gateway is entered, in {@link Runtime}.
 */
final class GatewayBehavior implements ElementBehavior {
  static final Behavior[] KINDS = {
    Behavior.EXCLUSIVE_GATEWAY,
    Behavior.INCLUSIVE_GATEWAY,
    Behavior.PARALLEL_GATEWAY,
    Behavior.EVENT_GATEWAY
  };

  private final Runtime runtime;

  GatewayBehavior(Runtime runtime) {
    this.runtime = runtime;
  }

  @Override
  public void activate(ElementInstance instance, FlowNode node) {
    switch (node.behavior()) {
      case PARALLEL_GATEWAY -> runtime.completeLater(instance);
      case EVENT_GATEWAY -> runtime.subscriptions().waitForFirstEvent(instance, node);
      default -> chooseFlows(instance, node);
    }
  }

  private void chooseFlows(ElementInstance instance, FlowNode node) {
    List<String> chosen = new ArrayList<>();
    if (node.outgoing().size() == 1 && node.outgoing().get(0).condition() == null) {
      chosen.add(node.outgoing().get(0).id());
    } else {
      try {
        Map<String, Object> seen = runtime.variables().visible(instance.key);
        for (SequenceFlow flow : node.outgoing()) {
          if (flow.condition() != null
              && runtime.feel().evaluateCondition(flow.condition(), seen)) {
            chosen.add(flow.id());
            if (node.behavior() == Behavior.EXCLUSIVE_GATEWAY) {
              break;
            }
          }
        }
      } catch (EvaluationException e) {
        runtime
            .incidents()
            .fail(
                instance, PendingStep.ACTIVATE, IncidentErrorType.CONDITION_ERROR, e.getMessage());
        return;
      }
      if (chosen.isEmpty() && node.defaultFlow() != null) {
        chosen.add(node.defaultFlow().id());
      }
      if (chosen.isEmpty() && !node.outgoing().isEmpty()) {
        runtime
            .incidents()
            .fail(
                instance,
                PendingStep.ACTIVATE,
                IncidentErrorType.CONDITION_ERROR,
                "Expected at least one condition to evaluate to true, or to have a default flow");
        return;
      }
    }
    instance.chosenFlows = chosen;
    runtime.completeLater(instance);
  }
}
