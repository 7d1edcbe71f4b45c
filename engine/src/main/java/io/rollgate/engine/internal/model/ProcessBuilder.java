package io.rollgate.engine.internal.model;

import io.camunda.zeebe.model.bpmn.instance.Activity;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.StartEvent;
import io.camunda.zeebe.model.bpmn.instance.SubProcess;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeVersionTag;
import io.rollgate.engine.internal.feel.Feel;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Builds one process: reads each element with the reader of its family (events, activities), then
 * wires the flows. Collects problems instead of stopping at the first.
 */
final class ProcessBuilder {
  private static final Set<String> IGNORED_ELEMENTS =
      Set.of("sequenceFlow", "dataObject", "dataObjectReference", "dataStoreReference");

  private final BuildContext context;
  private final Process process;
  private final LinkedResources resources;
  private final ListenerReader listeners;
  private final ActivityReader activities;
  private final EventReader events;

  ProcessBuilder(Process process, Feel feel, List<ModelProblem> problems) {
    this.context = new BuildContext(process, feel, problems);
    this.process = process;
    this.resources = new LinkedResources(context);
    this.listeners = new ListenerReader(context);
    this.activities = new ActivityReader(context, resources, listeners);
    this.events = new EventReader(context, activities, resources);
  }

  ProcessModel build() {
    FlowNode root =
        new FlowNode(process.getId(), process.getName(), ElementType.PROCESS, Behavior.PROCESS);
    context.checkExtensions(process, Set.of("versionTag", "properties", "userTaskForm"));
    resources.readEmbeddedForms();
    listeners.readExecutionListeners(process, root);
    addChildren(root, process.getFlowElements());
    new FlowWiring(context).wire();
    ZeebeVersionTag tag = context.extension(process, ZeebeVersionTag.class);
    return new ProcessModel(process.getId(), process.getName(), root, context.nodes, context.flows)
        .withVersionTag(tag == null || BuildContext.blank(tag.getValue()) ? null : tag.getValue())
        .withEmbeddedForms(context.embeddedForms);
  }

  private void addChildren(FlowNode scope, Collection<FlowElement> elements) {
    for (FlowElement element : elements) {
      String typeName = element.getElementType().getTypeName();
      if (element instanceof io.camunda.zeebe.model.bpmn.instance.SequenceFlow flow) {
        context.bpmnFlows.add(flow);
        continue;
      }
      if (IGNORED_ELEMENTS.contains(typeName)) {
        continue;
      }
      FlowNode node = createNode(element, typeName);
      if (node == null) {
        continue;
      }
      listeners.readExecutionListeners(element, node);
      node.flowScope = scope;
      node.index = context.nodes.size();
      context.nodes.put(node.id(), node);
      scope.children.add(node);
      if (node.behavior() == Behavior.PASS_THROUGH && node.type() == ElementType.START_EVENT) {
        if (scope.noneStart != null) {
          context.problem(element, "a scope may have only one none start event");
        }
        scope.noneStart = node;
      }
      if (element instanceof SubProcess sub && node.behavior() == Behavior.SUB_PROCESS) {
        addChildren(node, sub.getFlowElements());
        if (node.noneStart == null) {
          context.problem(element, "an embedded sub-process needs a none start event");
        }
      }
      if (element instanceof SubProcess sub && node.behavior() == Behavior.EVENT_SUB_PROCESS) {
        addChildren(node, sub.getFlowElements());
        eventTrigger(sub, node);
      }
      if (node.behavior() == Behavior.ERROR_START
          && scope.behavior() != Behavior.EVENT_SUB_PROCESS) {
        context.problem(element, "error start events are only supported in event sub-processes");
      }
      if (node.behavior() == Behavior.ESCALATION_START
          && scope.behavior() != Behavior.EVENT_SUB_PROCESS) {
        context.problem(
            element, "escalation start events are only supported in event sub-processes");
      }
    }
    boolean eventStart =
        scope.children.stream()
            .anyMatch(
                c ->
                    c.behavior() == Behavior.MESSAGE_START
                        || c.behavior() == Behavior.TIMER_START
                        || c.behavior() == Behavior.SIGNAL_START);
    if (scope.type() == ElementType.PROCESS && scope.noneStart == null && !eventStart) {
      context.problem(
          process.getId(), "process", "the process needs a none, message or timer start event");
    }
    if (scope.type() == ElementType.SUB_PROCESS && eventStart) {
      context.problem(
          scope.id(),
          "subProcess",
          "message and timer start events are only supported at the top level of a process");
    }
  }

  private FlowNode createNode(FlowElement element, String typeName) {
    FlowNode node = createSingleNode(element, typeName);
    if (node != null && element instanceof Activity activity) {
      if (activity.getLoopCharacteristics() != null) {
        node.multiInstance = activities.multiInstance(element, activity);
      }
      node.forCompensation = activity.isForCompensation();
    }
    return node;
  }

  private FlowNode createSingleNode(FlowElement element, String typeName) {
    return switch (typeName) {
      case "startEvent" -> events.startEvent(element);
      case "intermediateCatchEvent" ->
          events.catchEvent(element, ElementType.INTERMEDIATE_CATCH_EVENT);
      case "receiveTask" -> events.catchEvent(element, ElementType.RECEIVE_TASK);
      case "intermediateThrowEvent" -> events.throwEvent(element);
      case "endEvent" -> events.endEvent(element);
      case "boundaryEvent" -> events.boundaryEvent((BoundaryEvent) element);
      case "serviceTask" -> activities.jobTask(element, ElementType.SERVICE_TASK);
      case "sendTask" -> activities.jobTask(element, ElementType.SEND_TASK);
      case "scriptTask" -> activities.scriptTask(element);
      case "businessRuleTask" -> activities.businessRuleTask(element);
      case "userTask" -> activities.userTask(element);
      case "callActivity" -> activities.callActivity(element);
      case "subProcess" -> activities.subProcess((SubProcess) element);
      case "manualTask" -> context.plain(element, ElementType.MANUAL_TASK, Behavior.PASS_THROUGH);
      case "task" -> context.plain(element, ElementType.TASK, Behavior.PASS_THROUGH);
      case "eventBasedGateway" ->
          context.plain(element, ElementType.EVENT_BASED_GATEWAY, Behavior.EVENT_GATEWAY);
      case "exclusiveGateway" ->
          context.plain(element, ElementType.EXCLUSIVE_GATEWAY, Behavior.EXCLUSIVE_GATEWAY);
      case "parallelGateway" ->
          context.plain(element, ElementType.PARALLEL_GATEWAY, Behavior.PARALLEL_GATEWAY);
      case "inclusiveGateway" ->
          context.plain(element, ElementType.INCLUSIVE_GATEWAY, Behavior.INCLUSIVE_GATEWAY);
      default -> {
        context.problem(
            element, "the element type '" + typeName + "' is not supported by the embedded engine");
        yield null;
      }
    };
  }

  /** An event sub-process starts on exactly one start event with an event definition. */
  private void eventTrigger(SubProcess element, FlowNode node) {
    List<FlowNode> starts =
        node.children.stream().filter(c -> c.type() == ElementType.START_EVENT).toList();
    FlowNode start = starts.size() == 1 ? starts.get(0) : null;
    if (start == null || start.behavior() == Behavior.PASS_THROUGH) {
      context.problem(
          element,
          "an event sub-process needs exactly one start event, with an error, escalation, message,"
              + " timer or signal");
      return;
    }
    node.spec = new ElementSpec.EventSubProcess(start);
    node.noneStart = null;
    start.interrupting = ((StartEvent) context.element(start)).isInterrupting();
    if (start.behavior() == Behavior.MESSAGE_START
        && !(start.spec() instanceof ElementSpec.MessageEvent message
            && message.correlationKey() != null)) {
      context.problem(
          element,
          "the message start event of an event sub-process needs a zeebe:subscription"
              + " correlationKey");
    }
    if (start.behavior() == Behavior.ERROR_START && !start.interrupting) {
      context.problem(element, "an error start event must be interrupting");
    }
  }
}
