package io.rollgate.engine.internal.model;

import static io.rollgate.engine.internal.model.BuildContext.blank;

import io.camunda.zeebe.model.bpmn.instance.Activity;
import io.camunda.zeebe.model.bpmn.instance.Association;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.ExclusiveGateway;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.model.bpmn.instance.InclusiveGateway;
import io.rollgate.engine.internal.feel.Expression;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * Connects the nodes of a process once they are all read: sequence flows and default flows, link
 * events, boundary events and compensation handlers; then computes which node can reach which.
 */
final class FlowWiring {
  private final BuildContext context;

  FlowWiring(BuildContext context) {
    this.context = context;
  }

  void wire() {
    connectFlows();
    connectLinks();
    attachBoundaries();
    attachCompensationHandlers();
    computeReachability();
  }

  private void connectFlows() {
    for (var bpmnFlow : context.bpmnFlows) {
      Expression condition = null;
      if (bpmnFlow.getConditionExpression() != null
          && !blank(bpmnFlow.getConditionExpression().getTextContent())) {
        condition = context.parseFeel(bpmnFlow, bpmnFlow.getConditionExpression().getTextContent());
      }
      SequenceFlow flow = new SequenceFlow(bpmnFlow.getId(), condition);
      FlowNode source = context.nodes.get(bpmnFlow.getSource().getId());
      FlowNode target = context.nodes.get(bpmnFlow.getTarget().getId());
      if (source == null || target == null) {
        continue;
      }
      flow.connect(source, target);
      context.flows.put(flow.id(), flow);
      source.outgoing.add(flow);
      target.incoming.add(flow);
      if (condition != null
          && source.behavior() != Behavior.EXCLUSIVE_GATEWAY
          && source.behavior() != Behavior.INCLUSIVE_GATEWAY) {
        context.problem(
            bpmnFlow,
            "a condition is only supported on flows leaving an exclusive or inclusive gateway");
      }
    }
    for (var entry : context.nodes.entrySet()) {
      setDefaultFlow(
          entry.getValue(), context.process.getModelInstance().getModelElementById(entry.getKey()));
    }
  }

  private void setDefaultFlow(FlowNode node, ModelElementInstance element) {
    io.camunda.zeebe.model.bpmn.instance.SequenceFlow defaultFlow = null;
    if (element instanceof ExclusiveGateway gateway) {
      defaultFlow = gateway.getDefault();
    } else if (element instanceof InclusiveGateway gateway) {
      defaultFlow = gateway.getDefault();
    } else if (element instanceof Activity activity) {
      if (activity.getAttributeValue("default") != null) {
        context.problem((FlowElement) element, "default flows on activities are not supported");
      }
    }
    if (defaultFlow != null) {
      node.defaultFlow = context.flows.get(defaultFlow.getId());
    }
    if (node.behavior() == Behavior.EVENT_GATEWAY) {
      boolean eventsOnly =
          node.outgoing.size() >= 2
              && node.outgoing.stream()
                  .allMatch(
                      f ->
                          (f.target().behavior() == Behavior.MESSAGE_CATCH
                                  || f.target().behavior() == Behavior.TIMER_CATCH)
                              && f.target().type() == ElementType.INTERMEDIATE_CATCH_EVENT
                              && f.target().incoming.size() == 1);
      if (!eventsOnly) {
        context.problem(
            (FlowElement) element,
            "an event-based gateway needs two or more outgoing flows, each to a message or timer"
                + " intermediate catch event that has no other incoming flow");
      }
    }
    boolean branching =
        node.behavior() == Behavior.EXCLUSIVE_GATEWAY
            || node.behavior() == Behavior.INCLUSIVE_GATEWAY;
    if (branching && node.outgoing.size() > 1) {
      for (SequenceFlow flow : node.outgoing) {
        if (flow.condition() == null && flow != node.defaultFlow) {
          context.problem(
              (FlowElement) element,
              "the outgoing flow '"
                  + flow.id()
                  + "' needs a condition or must be the default flow");
        }
      }
    }
  }

  /** The link name of a link event, or null for any other node. */
  private static String linkName(FlowNode node) {
    return node.spec() instanceof ElementSpec.LinkEvent link ? link.name() : null;
  }

  /**
   * Pairs each link throw event with the one link catch event of the same name in the same scope,
   * joined by a flow of their own.
   */
  private void connectLinks() {
    for (FlowNode node : List.copyOf(context.nodes.values())) {
      String name = linkName(node);
      if (name == null || node.type() != ElementType.INTERMEDIATE_THROW_EVENT) {
        continue;
      }
      BaseElement element = context.element(node);
      List<FlowNode> catches =
          node.flowScope.children.stream()
              .filter(
                  c -> c.type() == ElementType.INTERMEDIATE_CATCH_EVENT && name.equals(linkName(c)))
              .toList();
      if (catches.isEmpty()) {
        context.problem(
            element,
            "no link catch event with the link name '"
                + name
                + "' in the same scope; a link throw event needs one");
        continue;
      }
      if (catches.size() > 1) {
        context.problem(
            element,
            "several link catch events have the link name '"
                + name
                + "' in the same scope; a link name must be unique among them");
        continue;
      }
      if (!node.outgoing.isEmpty()) {
        context.problem(element, "a link throw event cannot have outgoing sequence flows");
      }
      FlowNode target = catches.get(0);
      SequenceFlow flow = new SequenceFlow(node.id() + "#link", null, true);
      flow.connect(node, target);
      node.outgoing.add(flow);
      target.incoming.add(flow);
    }
    for (FlowNode node : context.nodes.values()) {
      if (linkName(node) != null
          && node.type() == ElementType.INTERMEDIATE_CATCH_EVENT
          && node.incoming.stream().anyMatch(f -> !f.isLink())) {
        context.problem(
            context.element(node), "a link catch event cannot have incoming sequence flows");
      }
    }
  }

  private void attachBoundaries() {
    for (BoundaryEvent boundary : context.boundaries) {
      FlowNode node = context.nodes.get(boundary.getId());
      FlowNode host =
          boundary.getAttachedTo() == null
              ? null
              : context.nodes.get(boundary.getAttachedTo().getId());
      if (host == null) {
        context.problem(boundary, "a boundary event must be attached to an activity");
        continue;
      }
      if (node.behavior() == Behavior.ESCALATION_BOUNDARY
          && host.behavior() != Behavior.SUB_PROCESS
          && host.behavior() != Behavior.CALL_ACTIVITY) {
        context.problem(
            boundary,
            "an escalation boundary event can only be attached to a sub-process or a call"
                + " activity");
      }
      host.boundaryEvents.add(node);
    }
  }

  /**
   * Links each activity with a compensation boundary event to the handler the boundary event is
   * associated with; checks handlers and compensation throw events.
   */
  private void attachCompensationHandlers() {
    Map<String, String> associated = new LinkedHashMap<>();
    for (Association association :
        context.process.getModelInstance().getModelElementsByType(Association.class)) {
      if (association.getSource() != null && association.getTarget() != null) {
        associated.put(association.getSource().getId(), association.getTarget().getId());
      }
    }
    for (BoundaryEvent boundary : context.compensationBoundaries) {
      FlowNode host =
          boundary.getAttachedTo() == null
              ? null
              : context.nodes.get(boundary.getAttachedTo().getId());
      FlowNode handler = context.nodes.get(associated.get(boundary.getId()));
      if (host == null) {
        context.problem(boundary, "a boundary event must be attached to an activity");
      } else if (handler == null || !handler.forCompensation) {
        context.problem(
            boundary,
            "a compensation boundary event needs an association to a compensation handler (an"
                + " activity with isForCompensation=\"true\")");
      } else if (host.compensationHandler != null) {
        context.problem(boundary, "an activity may have only one compensation boundary event");
      } else if (host.forCompensation) {
        context.problem(
            boundary, "a compensation handler cannot have a compensation boundary event");
      } else {
        host.compensationHandler = handler;
      }
    }
    for (FlowNode node : context.nodes.values()) {
      BaseElement element = context.element(node);
      if (node.forCompensation) {
        if (!node.incoming.isEmpty() || !node.outgoing.isEmpty()) {
          context.problem(
              element, "a compensation handler cannot have incoming or outgoing sequence flows");
        }
        if (!node.boundaryEvents.isEmpty()) {
          context.problem(element, "a compensation handler cannot have boundary events");
        }
      }
      if (node.spec() instanceof ElementSpec.CompensationThrow thrown
          && thrown.activityRef() != null) {
        FlowNode target = context.nodes.get(thrown.activityRef());
        FlowNode scope =
            node.flowScope.behavior() == Behavior.EVENT_SUB_PROCESS
                ? node.flowScope.flowScope
                : node.flowScope;
        if (target == null || target.flowScope != scope) {
          context.problem(
              element,
              "the compensated activity '"
                  + thrown.activityRef()
                  + "' must be in the same scope as the compensation event");
        }
      }
    }
  }

  /** Per node, which nodes of the same process a token there can still reach. */
  private void computeReachability() {
    for (FlowNode start : context.nodes.values()) {
      Deque<FlowNode> todo = new ArrayDeque<>();
      todo.add(start);
      while (!todo.isEmpty()) {
        FlowNode current = todo.poll();
        List<FlowNode> next = new ArrayList<>();
        current.outgoing.forEach(flow -> next.add(flow.target()));
        next.addAll(current.boundaryEvents);
        for (FlowNode target : next) {
          if (!start.reaches.get(target.index)) {
            start.reaches.set(target.index);
            todo.add(target);
          }
        }
      }
    }
  }
}
