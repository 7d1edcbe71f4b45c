package io.rollgate.engine.internal.model;

import io.rollgate.engine.internal.feel.Expression;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An executable element of a deployed process: a flow node, a sub-process or the process itself.
 * Built by {@link ModelTransformer}; immutable once the transformer hands it out.
 */
public final class FlowNode {
  private final String id;
  private final String name;
  private final ElementType type;
  private final Behavior behavior;
  final List<SequenceFlow> incoming = new ArrayList<>();
  final List<SequenceFlow> outgoing = new ArrayList<>();
  final List<FlowNode> boundaryEvents = new ArrayList<>();
  final List<FlowNode> children = new ArrayList<>();
  final List<Mapping> inputs = new ArrayList<>();
  final List<Mapping> outputs = new ArrayList<>();
  final Map<String, String> headers = new LinkedHashMap<>();
  FlowNode flowScope;
  FlowNode noneStart;
  SequenceFlow defaultFlow;
  Expression jobType;
  Expression jobRetries;
  Expression script;
  String resultVariable;
  Expression errorCode;
  String caughtErrorCode;
  Expression escalationCode;
  String caughtEscalationCode;
  Expression messageName;
  Expression correlationKey;
  boolean interrupting = true;
  TimerDefinition timer;
  Expression calledProcessId;
  Binding binding = Binding.LATEST;
  String bindingVersionTag;
  Expression calledDecisionId;
  MultiInstance multiInstance;
  Expression signalName;
  String linkName;
  FlowNode compensationHandler;
  String compensationActivityRef;
  boolean forCompensation;
  String formId;
  String externalFormReference;
  FlowNode eventTrigger;
  Expression assignee;
  Expression candidateGroups;
  Expression candidateUsers;
  Expression dueDate;
  Expression followUpDate;
  Expression priority;
  final List<TaskListener> taskListeners = new ArrayList<>();
  final List<ExecutionListener> executionListeners = new ArrayList<>();
  boolean propagateAllChildVariables = true;
  boolean propagateAllParentVariables = true;
  int index;
  BitSet reaches = new BitSet();

  FlowNode(String id, String name, ElementType type, Behavior behavior) {
    this.id = id;
    this.name = name;
    this.type = type;
    this.behavior = behavior;
  }

  public String id() {
    return id;
  }

  public String name() {
    return name;
  }

  public ElementType type() {
    return type;
  }

  public Behavior behavior() {
    return behavior;
  }

  public List<SequenceFlow> incoming() {
    return Collections.unmodifiableList(incoming);
  }

  public List<SequenceFlow> outgoing() {
    return Collections.unmodifiableList(outgoing);
  }

  /** Boundary events attached to this activity, in model order. */
  public List<FlowNode> boundaryEvents() {
    return Collections.unmodifiableList(boundaryEvents);
  }

  /** The sub-process or process this node runs in; {@code null} for the process. */
  public FlowNode flowScope() {
    return flowScope;
  }

  /** For a process or sub-process: its none start event. */
  public FlowNode noneStart() {
    return noneStart;
  }

  public SequenceFlow defaultFlow() {
    return defaultFlow;
  }

  public List<Mapping> inputs() {
    return Collections.unmodifiableList(inputs);
  }

  public List<Mapping> outputs() {
    return Collections.unmodifiableList(outputs);
  }

  public Map<String, String> headers() {
    return Collections.unmodifiableMap(headers);
  }

  public Expression jobType() {
    return jobType;
  }

  public Expression jobRetries() {
    return jobRetries;
  }

  /** The decision a business rule task evaluates (FEEL or static). */
  public Expression calledDecisionId() {
    return calledDecisionId;
  }

  public Expression script() {
    return script;
  }

  public String resultVariable() {
    return resultVariable;
  }

  /** For an error end event: the code it throws. */
  public Expression errorCode() {
    return errorCode;
  }

  /** For an error boundary event: the code it catches, or {@code null} to catch every error. */
  public String caughtErrorCode() {
    return caughtErrorCode;
  }

  /** For an escalation throw event: the code it throws (static or FEEL). */
  public Expression escalationCode() {
    return escalationCode;
  }

  /** For an escalation catch event: the code it catches, or {@code null} to catch every one. */
  public String caughtEscalationCode() {
    return caughtEscalationCode;
  }

  /** For message events and receive tasks: the message name (static or FEEL). */
  public Expression messageName() {
    return messageName;
  }

  /** For message catch events inside a process: the correlation key expression. */
  public Expression correlationKey() {
    return correlationKey;
  }

  /** For a boundary event: whether it cancels the activity it is attached to. */
  public boolean interrupting() {
    return interrupting;
  }

  /** For a user task: its assignment, schedule and priority (each static, FEEL or null). */
  public Expression assignee() {
    return assignee;
  }

  public Expression candidateGroups() {
    return candidateGroups;
  }

  public Expression candidateUsers() {
    return candidateUsers;
  }

  public Expression dueDate() {
    return dueDate;
  }

  public Expression followUpDate() {
    return followUpDate;
  }

  public Expression priority() {
    return priority;
  }

  /** For a scope: its event sub-processes. */
  public List<FlowNode> eventSubProcesses() {
    return children.stream().filter(c -> c.behavior == Behavior.EVENT_SUB_PROCESS).toList();
  }

  /** For an event sub-process: its start event, whose event starts it. */
  public FlowNode eventTrigger() {
    return eventTrigger;
  }

  /** For a user task: the id of its linked Camunda form, or null. */
  /** The execution listeners of an event, in declared order. */
  public List<ExecutionListener> executionListeners(ExecutionListenerEvent eventType) {
    return executionListeners.stream().filter(l -> l.eventType() == eventType).toList();
  }

  /** The user task listeners of an event, in the order they are declared. */
  public List<TaskListener> taskListeners(TaskListenerEvent eventType) {
    return taskListeners.stream().filter(l -> l.eventType() == eventType).toList();
  }

  public String formId() {
    return formId;
  }

  /** For a user task: a form reference the task list resolves itself, or null. */
  public String externalFormReference() {
    return externalFormReference;
  }

  /** For signal events: the signal name (static or FEEL). */
  public Expression signalName() {
    return signalName;
  }

  /** For link throw and catch events: the link name that pairs them. */
  /**
   * For an activity with a compensation boundary event: the handler associated with it, or null.
   */
  public FlowNode compensationHandler() {
    return compensationHandler;
  }

  /** For a compensation throw event: the activity it compensates, or null for its whole scope. */
  public String compensationActivityRef() {
    return compensationActivityRef;
  }

  /** Whether this activity is a compensation handler ({@code isForCompensation}). */
  public boolean forCompensation() {
    return forCompensation;
  }

  public String linkName() {
    return linkName;
  }

  /** Signal start events of a process (top level). */
  public List<FlowNode> signalStarts() {
    return children.stream().filter(c -> c.behavior == Behavior.SIGNAL_START).toList();
  }

  /** The multi-instance characteristics, or {@code null} for a single-instance activity. */
  public MultiInstance multiInstance() {
    return multiInstance;
  }

  /** For a call activity: the id of the process it calls (static or FEEL). */
  public Expression calledProcessId() {
    return calledProcessId;
  }

  /**
   * Which version of the linked resource the element uses: the called process of a call activity,
   * the decision of a business rule task, the form of a user task.
   */
  public Binding binding() {
    return binding;
  }

  /** For a call activity bound by version tag: the tag. */
  public String bindingVersionTag() {
    return bindingVersionTag;
  }

  /** For a call activity: whether all variables of the called instance come back. */
  public boolean propagateAllChildVariables() {
    return propagateAllChildVariables;
  }

  /** For a call activity: whether the called instance gets all variables the activity sees. */
  public boolean propagateAllParentVariables() {
    return propagateAllParentVariables;
  }

  /** For timer events: when the timer is due. */
  public TimerDefinition timer() {
    return timer;
  }

  /** Timer start events of a process (top level). */
  public List<FlowNode> timerStarts() {
    return children.stream().filter(c -> c.behavior == Behavior.TIMER_START).toList();
  }

  /** Message start events of a process (top level). */
  public List<FlowNode> messageStarts() {
    return children.stream().filter(c -> c.behavior == Behavior.MESSAGE_START).toList();
  }

  /** Whether a token at this node can still arrive at {@code other} by following flows. */
  public boolean canReach(FlowNode other) {
    return reaches.get(other.index);
  }

  /** Whether the element joins several incoming flows (parallel or inclusive gateway). */
  public boolean isJoin() {
    return (behavior == Behavior.PARALLEL_GATEWAY || behavior == Behavior.INCLUSIVE_GATEWAY)
        && incoming.size() > 1;
  }

  @Override
  public String toString() {
    return type + "[" + id + "]";
  }
}
