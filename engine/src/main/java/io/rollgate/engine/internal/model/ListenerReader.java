package io.rollgate.engine.internal.model;

import static io.rollgate.engine.internal.model.BuildContext.blank;

import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeExecutionListener;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeExecutionListeners;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskListener;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskListeners;
import java.util.ArrayList;
import java.util.List;

/** Reads execution listeners and user task listeners, refusing those Camunda 8 does not offer. */
final class ListenerReader {
  private final BuildContext context;

  ListenerReader(BuildContext context) {
    this.context = context;
  }

  /**
   * User task listeners, by their Camunda 8.8 event names; the older names ({@code create}, {@code
   * assignment}, {@code update}, {@code complete}) mean the same events.
   */
  List<TaskListener> taskListeners(FlowElement element, boolean camundaUserTask) {
    ZeebeTaskListeners listeners = context.extension(element, ZeebeTaskListeners.class);
    List<TaskListener> read = new ArrayList<>();
    if (listeners == null) {
      return read;
    }
    if (!camundaUserTask) {
      context.problem(element, "task listeners need a Camunda user task (zeebe:userTask)");
      return read;
    }
    for (ZeebeTaskListener listener : listeners.getTaskListeners()) {
      String event = listener.getEventType() == null ? null : listener.getEventType().name();
      TaskListenerEvent eventType =
          event == null
              ? null
              : switch (event) {
                case "create", "creating" -> TaskListenerEvent.CREATING;
                case "assignment", "assigning" -> TaskListenerEvent.ASSIGNING;
                case "update", "updating" -> TaskListenerEvent.UPDATING;
                case "complete", "completing" -> TaskListenerEvent.COMPLETING;
                default -> null;
              };
      if (eventType == null) {
        context.problem(
            element,
            "task listeners of the event '"
                + event
                + "' are not supported by the embedded engine; creating, assigning, updating"
                + " and completing are");
        continue;
      }
      if (blank(listener.getType())) {
        context.problem(element, "a task listener needs a type");
        continue;
      }
      String retries = blank(listener.getRetries()) ? "3" : listener.getRetries();
      read.add(
          new TaskListener(
              eventType,
              context.parse(element, listener.getType()),
              context.parse(element, retries)));
    }
    return read;
  }

  /**
   * Execution listeners, on the elements and events Camunda 8.8 documents them for: the process,
   * sub-processes, call activities, tasks and intermediate events at start and end; start events
   * and boundary events at their end only; gateways and error and terminate end events at their
   * start only. Event sub-processes and multi-instance elements are refused.
   */
  void readExecutionListeners(BaseElement element, FlowNode node) {
    ZeebeExecutionListeners listeners = context.extension(element, ZeebeExecutionListeners.class);
    if (listeners == null) {
      return;
    }
    if (node.type() == ElementType.EVENT_SUB_PROCESS) {
      context.problem(
          element,
          "execution listeners on an event sub-process are not supported by the"
              + " embedded engine");
      return;
    }
    if (node.multiInstance() != null) {
      context.problem(
          element,
          "execution listeners on a multi-instance element are not supported by"
              + " the embedded engine");
      return;
    }
    for (ZeebeExecutionListener listener : listeners.getExecutionListeners()) {
      String event = listener.getEventType() == null ? "start" : listener.getEventType().name();
      ExecutionListenerEvent eventType =
          "end".equals(event) ? ExecutionListenerEvent.END : ExecutionListenerEvent.START;
      if (!supports(node, eventType)) {
        context.problem(
            element,
            "execution listeners of the event '" + event + "' are not supported on this element");
        continue;
      }
      if (blank(listener.getType())) {
        context.problem(element, "an execution listener needs a type");
        continue;
      }
      boolean duplicate =
          node.executionListeners.stream()
              .anyMatch(
                  l -> l.eventType() == eventType && l.type().source().equals(listener.getType()));
      if (duplicate) {
        context.problem(
            element,
            "the execution listener of the event '"
                + event
                + "' and type '"
                + listener.getType()
                + "' is declared twice");
        continue;
      }
      String retries = blank(listener.getRetries()) ? "3" : listener.getRetries();
      node.executionListeners.add(
          new ExecutionListener(
              eventType,
              context.parse(element, listener.getType()),
              context.parse(element, retries)));
    }
  }

  private static boolean supports(FlowNode node, ExecutionListenerEvent eventType) {
    if (eventType == ExecutionListenerEvent.START) {
      return switch (node.type()) {
        case START_EVENT, BOUNDARY_EVENT -> false;
        default -> true;
      };
    }
    return switch (node.type()) {
      case EXCLUSIVE_GATEWAY, PARALLEL_GATEWAY, INCLUSIVE_GATEWAY, EVENT_BASED_GATEWAY -> false;
      case END_EVENT ->
          node.behavior() != Behavior.ERROR_END && node.behavior() != Behavior.TERMINATE_END;
      default -> true;
    };
  }
}
