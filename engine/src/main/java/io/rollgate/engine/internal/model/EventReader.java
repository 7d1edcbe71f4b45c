package io.rollgate.engine.internal.model;

import static io.rollgate.engine.internal.model.BuildContext.blank;

import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.CompensateEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.ErrorEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.EscalationEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.EventDefinition;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.model.bpmn.instance.LinkEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.Message;
import io.camunda.zeebe.model.bpmn.instance.MessageEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.ReceiveTask;
import io.camunda.zeebe.model.bpmn.instance.SignalEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.TerminateEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.TimerEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeFormDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeSubscription;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import io.rollgate.engine.internal.feel.EvaluationException;
import io.rollgate.engine.internal.feel.Expression;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;

/**
 * Reads events: start, intermediate catch and throw, end and boundary events, with their message,
 * signal, timer, error, escalation, link or compensation definition. Receive tasks wait for a
 * message like a catch event and are read here too.
 */
final class EventReader {
  private final BuildContext context;
  private final ActivityReader activities;
  private final LinkedResources resources;

  EventReader(BuildContext context, ActivityReader activities, LinkedResources resources) {
    this.context = context;
    this.activities = activities;
    this.resources = resources;
  }

  FlowNode startEvent(FlowElement element) {
    Collection<EventDefinition> definitions = context.eventDefinitions(element);
    EscalationEventDefinition escalation = context.single(element, EscalationEventDefinition.class);
    if (escalation != null) {
      FlowNode node = context.plain(element, ElementType.START_EVENT, Behavior.ESCALATION_START);
      node.spec = new ElementSpec.EscalationCatch(caughtEscalation(escalation));
      return node;
    }
    ErrorEventDefinition error = context.single(element, ErrorEventDefinition.class);
    if (error != null) {
      FlowNode node = context.plain(element, ElementType.START_EVENT, Behavior.ERROR_START);
      node.spec = new ElementSpec.ErrorCatch(caughtError(error));
      return node;
    }
    FlowNode signal = signalNode(element, ElementType.START_EVENT, Behavior.SIGNAL_START);
    if (signal != null) {
      return signal;
    }
    TimerEventDefinition timer = context.single(element, TimerEventDefinition.class);
    if (timer != null) {
      return timerNode(element, ElementType.START_EVENT, Behavior.TIMER_START, timer);
    }
    MessageEventDefinition message = context.single(element, MessageEventDefinition.class);
    if (message != null) {
      FlowNode node = context.plain(element, ElementType.START_EVENT, Behavior.MESSAGE_START);
      ElementSpec.MessageEvent spec = readMessage(element, message.getMessage(), false);
      if (spec != null) {
        node.spec = spec;
        if (spec.name() != null && !spec.name().isStatic()) {
          context.problem(
              element, "the message name of a start event must be a fixed name, not an expression");
        }
      }
      return node;
    }
    if (context.single(element, CompensateEventDefinition.class) != null) {
      context.problem(
          element,
          "compensation event sub-processes are not supported by the embedded engine; use a"
              + " compensation boundary event with a compensation handler");
      return null;
    }
    if (definitions.isEmpty()
        && element.getParentElement() instanceof Process
        && context.extension(element, ZeebeFormDefinition.class) != null) {
      // The process's start form: shown by task list applications before an instance starts.
      FlowNode node =
          new FlowNode(
              element.getId(), element.getName(), ElementType.START_EVENT, Behavior.PASS_THROUGH);
      node.spec = new ElementSpec.StartForm(resources.form(element, ElementType.START_EVENT));
      context.readIoMapping(element, node);
      context.checkExtensions(element, Set.of("formDefinition", "ioMapping", "properties"));
      return node;
    }
    return noneEventOnly(element, ElementType.START_EVENT, Behavior.PASS_THROUGH);
  }

  /** An intermediate catch event (message, timer, signal or link) or a receive task. */
  FlowNode catchEvent(FlowElement element, ElementType type) {
    Message message;
    if (element instanceof ReceiveTask task) {
      message = task.getMessage();
    } else {
      TimerEventDefinition timer = context.single(element, TimerEventDefinition.class);
      if (timer != null) {
        return timerNode(element, type, Behavior.TIMER_CATCH, timer);
      }
      FlowNode signal = signalNode(element, type, Behavior.SIGNAL_CATCH);
      if (signal != null) {
        return signal;
      }
      FlowNode link = linkNode(element, type);
      if (link != null) {
        return link;
      }
      MessageEventDefinition definition = context.single(element, MessageEventDefinition.class);
      if (definition == null) {
        Collection<EventDefinition> definitions = context.eventDefinitions(element);
        String kind =
            definitions.isEmpty()
                ? "no event definition"
                : "a " + definitions.iterator().next().getElementType().getTypeName();
        context.problem(
            element,
            "an intermediate catch event with "
                + kind
                + " is not supported by the embedded engine; message and timer catch events are");
        return null;
      }
      message = definition.getMessage();
    }
    FlowNode node = context.plain(element, type, Behavior.MESSAGE_CATCH);
    ElementSpec.MessageEvent spec = readMessage(element, message, true);
    if (spec != null) {
      node.spec = spec;
    }
    return node;
  }

  FlowNode throwEvent(FlowElement element) {
    ElementType type = ElementType.INTERMEDIATE_THROW_EVENT;
    FlowNode link = linkNode(element, type);
    if (link != null) {
      return link;
    }
    if (context.single(element, MessageEventDefinition.class) != null) {
      return messageThrow(element, type);
    }
    if (context.single(element, EscalationEventDefinition.class) != null) {
      return escalationThrow(element, type);
    }
    if (context.single(element, CompensateEventDefinition.class) != null) {
      return compensationThrow(element, type);
    }
    FlowNode signal = signalNode(element, type, Behavior.SIGNAL_THROW);
    return signal != null ? signal : noneEventOnly(element, type, Behavior.PASS_THROUGH);
  }

  FlowNode endEvent(FlowElement element) {
    Collection<EventDefinition> definitions = context.eventDefinitions(element);
    if (definitions.isEmpty()) {
      return context.plain(element, ElementType.END_EVENT, Behavior.NONE_END);
    }
    FlowNode signal = signalNode(element, ElementType.END_EVENT, Behavior.SIGNAL_THROW);
    if (signal != null) {
      return signal;
    }
    if (context.single(element, MessageEventDefinition.class) != null) {
      return messageThrow(element, ElementType.END_EVENT);
    }
    if (context.single(element, EscalationEventDefinition.class) != null) {
      return escalationThrow(element, ElementType.END_EVENT);
    }
    if (context.single(element, CompensateEventDefinition.class) != null) {
      return compensationThrow(element, ElementType.END_EVENT);
    }
    EventDefinition definition = definitions.iterator().next();
    if (definition instanceof TerminateEventDefinition) {
      return context.plain(element, ElementType.END_EVENT, Behavior.TERMINATE_END);
    }
    if (definition instanceof ErrorEventDefinition error) {
      FlowNode node = context.plain(element, ElementType.END_EVENT, Behavior.ERROR_END);
      if (error.getError() == null || blank(error.getError().getErrorCode())) {
        context.problem(element, "an error end event must reference an error with an error code");
      } else {
        node.spec =
            new ElementSpec.ErrorThrow(context.parse(element, error.getError().getErrorCode()));
      }
      return node;
    }
    context.problem(
        element,
        "an end event with a "
            + definition.getElementType().getTypeName()
            + " is not supported by the embedded engine");
    return null;
  }

  /**
   * A boundary event. A compensation boundary event is no element of its own: it links its activity
   * to the handler it is associated with (see {@link FlowWiring}).
   */
  FlowNode boundaryEvent(BoundaryEvent element) {
    Collection<EventDefinition> definitions = context.eventDefinitions(element);
    if (context.single(element, CompensateEventDefinition.class) != null) {
      context.compensationBoundaries.add(element);
      return null;
    }
    FlowNode node = boundaryNode(element, definitions);
    if (node != null) {
      node.interrupting = element.cancelActivity();
      context.boundaries.add(element);
    }
    return node;
  }

  private FlowNode boundaryNode(BoundaryEvent element, Collection<EventDefinition> definitions) {
    ElementType type = ElementType.BOUNDARY_EVENT;
    EscalationEventDefinition escalation = context.single(element, EscalationEventDefinition.class);
    if (escalation != null) {
      FlowNode node = context.plain(element, type, Behavior.ESCALATION_BOUNDARY);
      node.spec = new ElementSpec.EscalationCatch(caughtEscalation(escalation));
      return node;
    }
    FlowNode signal = signalNode(element, type, Behavior.SIGNAL_BOUNDARY);
    if (signal != null) {
      return signal;
    }
    TimerEventDefinition timer = context.single(element, TimerEventDefinition.class);
    if (timer != null) {
      FlowNode node = timerNode(element, type, Behavior.TIMER_BOUNDARY, timer);
      TimerDefinition definition = node.spec(ElementSpec.TimerEvent.class).timer();
      if (element.cancelActivity()
          && definition != null
          && definition.kind() == TimerDefinition.Kind.CYCLE) {
        context.problem(element, "a timer cycle on a boundary event must be non-interrupting");
      }
      return node;
    }
    MessageEventDefinition message = context.single(element, MessageEventDefinition.class);
    if (message != null) {
      FlowNode node = context.plain(element, type, Behavior.MESSAGE_BOUNDARY);
      ElementSpec.MessageEvent spec = readMessage(element, message.getMessage(), true);
      if (spec != null) {
        node.spec = spec;
      }
      return node;
    }
    ErrorEventDefinition error = context.single(element, ErrorEventDefinition.class);
    if (error == null) {
      String kind =
          definitions.isEmpty()
              ? "no"
              : definitions.iterator().next().getElementType().getTypeName();
      context.problem(
          element,
          "a boundary event with "
              + kind
              + " event definition is not supported by the embedded engine; error, message and"
              + " timer boundary events are");
      return null;
    }
    if (!element.cancelActivity()) {
      context.problem(element, "an error boundary event must be interrupting");
    }
    FlowNode node = context.plain(element, type, Behavior.ERROR_BOUNDARY);
    node.spec = new ElementSpec.ErrorCatch(caughtError(error));
    return node;
  }

  private FlowNode noneEventOnly(FlowElement element, ElementType type, Behavior behavior) {
    Collection<EventDefinition> definitions = context.eventDefinitions(element);
    if (!definitions.isEmpty()) {
      context.problem(
          element,
          "a "
              + element.getElementType().getTypeName()
              + " with a "
              + definitions.iterator().next().getElementType().getTypeName()
              + " is not supported by the embedded engine");
    }
    return context.plain(element, type, behavior);
  }

  /**
   * A link throw or catch event, or null when the definition is not a link. Both pass through: the
   * throw event is left by a jump to the catch event of the same name in its scope.
   */
  private FlowNode linkNode(FlowElement element, ElementType type) {
    LinkEventDefinition definition = context.single(element, LinkEventDefinition.class);
    if (definition == null) {
      return null;
    }
    FlowNode node = context.plain(element, type, Behavior.PASS_THROUGH);
    if (blank(definition.getName())) {
      context.problem(element, "a link event needs a link name");
    } else {
      node.spec = new ElementSpec.LinkEvent(definition.getName());
    }
    return node;
  }

  /** A signal node of the given behaviour, or null when the definition is not a signal. */
  private FlowNode signalNode(FlowElement element, ElementType type, Behavior behavior) {
    SignalEventDefinition definition = context.single(element, SignalEventDefinition.class);
    if (definition == null) {
      return null;
    }
    FlowNode node = context.plain(element, type, behavior);
    if (definition.getSignal() == null || blank(definition.getSignal().getName())) {
      context.problem(element, "it must reference a signal with a name");
      return node;
    }
    Expression name = context.parse(element, definition.getSignal().getName());
    node.spec = new ElementSpec.SignalEvent(name);
    if (behavior == Behavior.SIGNAL_START && name != null && !name.isStatic()) {
      context.problem(
          element, "the signal name of a start event must be a fixed name, not an expression");
    }
    return node;
  }

  private FlowNode timerNode(
      FlowElement element, ElementType type, Behavior behavior, TimerEventDefinition definition) {
    FlowNode node = context.plain(element, type, behavior);
    node.spec = new ElementSpec.TimerEvent(timer(element, definition));
    return node;
  }

  /** A timer event's definition, or null after recording a problem. */
  private TimerDefinition timer(FlowElement element, TimerEventDefinition definition) {
    TimerDefinition.Kind kind;
    String text;
    if (definition.getTimeDuration() != null) {
      kind = TimerDefinition.Kind.DURATION;
      text = definition.getTimeDuration().getTextContent();
    } else if (definition.getTimeDate() != null) {
      kind = TimerDefinition.Kind.DATE;
      text = definition.getTimeDate().getTextContent();
    } else if (definition.getTimeCycle() != null) {
      kind = TimerDefinition.Kind.CYCLE;
      text = definition.getTimeCycle().getTextContent();
    } else {
      context.problem(element, "a timer needs a timeDuration, timeDate or timeCycle");
      return null;
    }
    if (blank(text)) {
      context.problem(element, "the timer's " + kind.name().toLowerCase(Locale.ROOT) + " is empty");
      return null;
    }
    Expression value = context.parse(element, text);
    if (value != null && value.isStatic()) {
      try {
        TimerSchedule.of(kind, text, 0);
      } catch (EvaluationException e) {
        context.problem(element, "invalid timer: " + e.getMessage());
      }
    }
    return value == null ? null : new TimerDefinition(kind, value);
  }

  /** The message name and {@code zeebe:subscription} correlation key; null after a problem. */
  private ElementSpec.MessageEvent readMessage(
      FlowElement element, Message message, boolean keyed) {
    if (message == null || blank(message.getName())) {
      context.problem(element, "it must reference a message with a name");
      return null;
    }
    Expression name = context.parse(element, message.getName());
    ZeebeSubscription subscription = context.extension(message, ZeebeSubscription.class);
    String key = subscription == null ? null : subscription.getCorrelationKey();
    if (keyed && blank(key)) {
      context.problem(
          element,
          "its message '" + message.getName() + "' needs a zeebe:subscription correlationKey");
    }
    return new ElementSpec.MessageEvent(name, blank(key) ? null : context.parse(element, key));
  }

  /**
   * A message intermediate throw or end event: a job for a worker, which sends the message; the
   * event completes when the job does.
   */
  private FlowNode messageThrow(FlowElement element, ElementType type) {
    if (context.extension(element, ZeebeTaskDefinition.class) == null) {
      context.problem(
          element,
          "a message throw event needs a zeebe:taskDefinition with a type: a job worker sends"
              + " the message");
      return null;
    }
    return activities.jobTask(element, type);
  }

  /** An escalation intermediate throw or end event: its code is required, static or FEEL. */
  private FlowNode escalationThrow(FlowElement element, ElementType type) {
    FlowNode node = context.plain(element, type, Behavior.ESCALATION_THROW);
    EscalationEventDefinition definition = context.single(element, EscalationEventDefinition.class);
    if (definition.getEscalation() == null
        || blank(definition.getEscalation().getEscalationCode())) {
      context.problem(
          element, "an escalation throw event must reference an escalation with a code");
    } else {
      node.spec =
          new ElementSpec.EscalationThrow(
              context.parse(element, definition.getEscalation().getEscalationCode()));
    }
    return node;
  }

  /**
   * A compensation intermediate throw or end event, for its whole scope or one activity of it; it
   * always waits for the handlers it starts.
   */
  private FlowNode compensationThrow(FlowElement element, ElementType type) {
    FlowNode node = context.plain(element, type, Behavior.COMPENSATION_THROW);
    CompensateEventDefinition definition = context.single(element, CompensateEventDefinition.class);
    // BPMN's default is true; the model API reads a missing attribute as false
    if ("false".equals(definition.getAttributeValue("waitForCompletion"))) {
      context.problem(
          element,
          "a compensation event with waitForCompletion=\"false\" is not supported by the"
              + " embedded engine; it always waits for the compensation handlers");
    }
    node.spec =
        new ElementSpec.CompensationThrow(
            definition.getActivity() == null ? null : definition.getActivity().getId());
    return node;
  }

  /** An escalation catch event's code, or null when it catches every escalation. */
  private static String caughtEscalation(EscalationEventDefinition definition) {
    return definition.getEscalation() == null
            || blank(definition.getEscalation().getEscalationCode())
        ? null
        : definition.getEscalation().getEscalationCode();
  }

  /** An error catch event's code, or null when it catches every error. */
  private static String caughtError(ErrorEventDefinition definition) {
    return definition.getError() == null || blank(definition.getError().getErrorCode())
        ? null
        : definition.getError().getErrorCode();
  }
}
