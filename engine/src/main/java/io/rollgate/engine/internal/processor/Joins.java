package io.rollgate.engine.internal.processor;

import io.rollgate.engine.internal.model.Behavior;
import io.rollgate.engine.internal.model.FlowNode;
import io.rollgate.engine.internal.model.ProcessModel;
import io.rollgate.engine.internal.model.SequenceFlow;
import io.rollgate.engine.internal.state.ElementInstance;
import io.rollgate.engine.internal.state.EngineState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Tokens between elements: the flows taken whose target is not entered yet, and the tokens waiting
 * at joining gateways (parallel: one on every incoming flow; inclusive: a token and no other flow
 * that can still receive one).
 */
final class Joins {
  private final EngineState state;
  private final Function<ElementInstance, FlowNode> nodes;

  /**
   * Flows taken but whose target is not entered yet, per scope: they keep the scope from completing
   * and count as live paths for inclusive joins. Empty between commands.
   */
  private final Map<Long, List<SequenceFlow>> inFlight = new HashMap<>();

  Joins(EngineState state, Function<ElementInstance, FlowNode> nodes) {
    this.state = state;
    this.nodes = nodes;
  }

  /** A flow was taken in the scope; its target is entered later. */
  void taken(ElementInstance scope, SequenceFlow flow) {
    inFlight.computeIfAbsent(scope.key, k -> new ArrayList<>()).add(flow);
  }

  /** The token on the flow arrives; false when it was dropped on the way. */
  boolean arrived(ElementInstance scope, SequenceFlow flow) {
    List<SequenceFlow> pending = inFlight.get(scope.key);
    if (pending == null || !pending.remove(flow)) {
      return false;
    }
    if (pending.isEmpty()) {
      inFlight.remove(scope.key);
    }
    return true;
  }

  /** Drops the tokens on their way in the scope (an interrupting event ended it). */
  void dropInFlight(ElementInstance scope) {
    inFlight.remove(scope.key);
  }

  boolean hasInFlight(ElementInstance scope) {
    return inFlight.containsKey(scope.key);
  }

  /** Whether the gateway joins now; if so, it consumes one token of each incoming flow. */
  boolean join(FlowNode gateway, ElementInstance scope) {
    boolean ready =
        gateway.behavior() == Behavior.PARALLEL_GATEWAY
            ? gateway.incoming().stream()
                .allMatch(f -> scope.joinTokens.getOrDefault(f.id(), 0) > 0)
            : inclusiveReady(gateway, scope);
    if (!ready) {
      return false;
    }
    for (SequenceFlow flow : gateway.incoming()) {
      scope.joinTokens.computeIfPresent(flow.id(), (id, n) -> n > 1 ? n - 1 : null);
    }
    return true;
  }

  /** The inclusive gateways of the scope with tokens waiting, which may be able to join now. */
  List<FlowNode> inclusiveGatewaysWaiting(ElementInstance scope) {
    if (scope.joinTokens.isEmpty()) {
      return List.of();
    }
    ProcessModel model = state.definitions.get(scope.processDefinitionKey).model;
    List<FlowNode> gateways = new ArrayList<>();
    for (String flowId : scope.joinTokens.keySet()) {
      FlowNode gateway = model.flow(flowId).target();
      if (gateway.behavior() == Behavior.INCLUSIVE_GATEWAY && !gateways.contains(gateway)) {
        gateways.add(gateway);
      }
    }
    return gateways;
  }

  /**
   * An inclusive gateway joins once it has a token and no flow without one can still receive a
   * token from anything active in the scope.
   */
  private boolean inclusiveReady(FlowNode gateway, ElementInstance scope) {
    boolean anyToken = false;
    List<FlowNode> live = new ArrayList<>();
    for (long childKey : scope.activeChildren) {
      live.add(nodes.apply(state.elementInstances.get(childKey)));
    }
    for (SequenceFlow flow : inFlight.getOrDefault(scope.key, List.of())) {
      live.add(flow.target());
    }
    ProcessModel model = state.definitions.get(scope.processDefinitionKey).model;
    scope.joinTokens.forEach(
        (flowId, count) -> {
          SequenceFlow waiting = model.flow(flowId);
          if (count > 0 && waiting.target() != gateway) {
            live.add(waiting.target());
          }
        });
    for (SequenceFlow flow : gateway.incoming()) {
      if (scope.joinTokens.getOrDefault(flow.id(), 0) > 0) {
        anyToken = true;
        continue;
      }
      if (inFlight.getOrDefault(scope.key, List.of()).contains(flow)) {
        return false;
      }
      for (FlowNode node : live) {
        if (node == flow.source() || node.canReach(flow.source())) {
          return false;
        }
      }
    }
    return anyToken;
  }
}
