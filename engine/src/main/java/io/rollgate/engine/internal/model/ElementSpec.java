package io.rollgate.engine.internal.model;

import io.rollgate.engine.internal.feel.Expression;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an element needs besides its place in the flow ({@link FlowNode}): one record per element
 * kind, holding only what that kind is configured with. The node's {@link Behavior} says which one
 * it holds; the behaviour classes ask for the one they handle with {@link FlowNode#spec(Class)}.
 */
public sealed interface ElementSpec {

  /**
   * Nothing beyond the flow: the process, sub-processes, gateways, none and terminate end events,
   * none start and intermediate events, manual and undefined tasks.
   */
  record Plain() implements ElementSpec {
    static final Plain INSTANCE = new Plain();
  }

  /**
   * A job for a worker: service, send and job-based script and business rule tasks, message throw
   * and end events.
   *
   * @param type the job type, static or FEEL
   * @param retries the job's retries, static or FEEL
   * @param headers the custom headers the job carries, in declared order
   */
  record JobWorker(Expression type, Expression retries, Map<String, String> headers)
      implements ElementSpec {
    public JobWorker {
      headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }
  }

  /**
   * A user task: a Camunda user task ({@code zeebe:userTask}) or, with a {@code job}, a job-based
   * one whose job carries the assignment in its headers.
   *
   * @param assignee static, FEEL or null; so are the candidates, dates and priority
   * @param form the linked or embedded form, or null
   * @param headers the task's custom headers
   * @param taskListeners the listeners of every event, in declared order
   * @param job for a job-based user task: the job it creates; null for a Camunda user task
   */
  record HumanTask(
      Expression assignee,
      Expression candidateGroups,
      Expression candidateUsers,
      Expression dueDate,
      Expression followUpDate,
      Expression priority,
      FormLink form,
      Map<String, String> headers,
      List<TaskListener> taskListeners,
      JobWorker job)
      implements ElementSpec {
    public HumanTask {
      headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
      taskListeners = List.copyOf(taskListeners);
    }

    /** The listeners of an event, in the order they are declared. */
    public List<TaskListener> taskListeners(TaskListenerEvent eventType) {
      return taskListeners.stream().filter(l -> l.eventType() == eventType).toList();
    }
  }

  /**
   * A script task evaluating a FEEL expression.
   *
   * @param expression what it evaluates
   * @param resultVariable where the result goes
   */
  record Script(Expression expression, String resultVariable) implements ElementSpec {}

  /**
   * A business rule task evaluating a deployed decision.
   *
   * @param decisionId the decision's id, static or FEEL
   * @param resultVariable where the decision's output goes
   * @param binding which version of the decision
   */
  record CalledDecision(Expression decisionId, String resultVariable, Binding binding)
      implements ElementSpec {}

  /**
   * A call activity.
   *
   * @param processId the id of the process it calls, static or FEEL
   * @param binding which version of that process
   * @param propagateAllParentVariables whether the called instance gets every variable the call
   *     activity sees (otherwise only its local ones)
   * @param propagateAllChildVariables whether every variable of the called instance comes back
   */
  record CalledProcess(
      Expression processId,
      Binding binding,
      boolean propagateAllParentVariables,
      boolean propagateAllChildVariables)
      implements ElementSpec {}

  /**
   * A message catch event, receive task, message boundary or message start event.
   *
   * @param name the message name, static or FEEL
   * @param correlationKey the correlation key expression; null for a start event without one
   */
  record MessageEvent(Expression name, Expression correlationKey) implements ElementSpec {}

  /**
   * A signal catch, boundary, start, throw or end event.
   *
   * @param name the signal name, static or FEEL
   */
  record SignalEvent(Expression name) implements ElementSpec {}

  /**
   * A timer catch, boundary or start event.
   *
   * @param timer when it is due
   */
  record TimerEvent(TimerDefinition timer) implements ElementSpec {}

  /**
   * An error end event.
   *
   * @param code the code it throws, static or FEEL
   */
  record ErrorThrow(Expression code) implements ElementSpec {}

  /**
   * An error boundary event or the error start event of an event sub-process.
   *
   * @param code the code it catches, or null to catch every error
   */
  record ErrorCatch(String code) implements ElementSpec {}

  /**
   * An escalation intermediate throw or end event.
   *
   * @param code the code it throws, static or FEEL
   */
  record EscalationThrow(Expression code) implements ElementSpec {}

  /**
   * An escalation boundary event or the escalation start event of an event sub-process.
   *
   * @param code the code it catches, or null to catch every escalation
   */
  record EscalationCatch(String code) implements ElementSpec {}

  /**
   * A link throw or catch event; both pass through, the throw event by a jump to its catch event.
   *
   * @param name the link name that pairs them
   */
  record LinkEvent(String name) implements ElementSpec {}

  /**
   * A compensation intermediate throw or end event.
   *
   * @param activityRef the activity it compensates, or null for its whole scope
   */
  record CompensationThrow(String activityRef) implements ElementSpec {}

  /**
   * The none start event of a process with a start form.
   *
   * @param form the form shown before an instance starts
   */
  record StartForm(FormLink form) implements ElementSpec {}

  /**
   * An event sub-process.
   *
   * @param trigger its start event, whose event starts it
   */
  record EventSubProcess(FlowNode trigger) implements ElementSpec {}
}
