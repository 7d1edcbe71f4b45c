package io.rollgate.engine.internal.model;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * An executable element of a deployed process: a flow node, a sub-process or the process itself. It
 * holds the element's place in the flow (flows, scope, boundary events, mappings, listeners,
 * multi-instance) and, as its {@link #spec() spec}, what its kind is configured with. Built by
 * {@link ModelTransformer}; immutable once the transformer hands it out.
 */
public final class FlowNode {
  private final String id;
  private final String name;
  private final ElementType type;
  private final Behavior behavior;
  ElementSpec spec = ElementSpec.Plain.INSTANCE;
  final List<SequenceFlow> incoming = new ArrayList<>();
  final List<SequenceFlow> outgoing = new ArrayList<>();
  final List<FlowNode> boundaryEvents = new ArrayList<>();
  final List<FlowNode> children = new ArrayList<>();
  final List<Mapping> inputs = new ArrayList<>();
  final List<Mapping> outputs = new ArrayList<>();
  final List<ExecutionListener> executionListeners = new ArrayList<>();
  FlowNode flowScope;
  FlowNode noneStart;
  SequenceFlow defaultFlow;
  boolean interrupting = true;
  MultiInstance multiInstance;
  FlowNode compensationHandler;
  boolean forCompensation;
  int index;
  final BitSet reaches = new BitSet();

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

  /** What the element's kind is configured with. */
  public ElementSpec spec() {
    return spec;
  }

  /**
   * The element's spec as the kind its behaviour handles.
   *
   * @throws IllegalStateException when the element is of another kind
   */
  public <T extends ElementSpec> T spec(Class<T> kind) {
    if (!kind.isInstance(spec)) {
      throw new IllegalStateException(
          this + " is configured as " + spec.getClass().getSimpleName() + ", not as " + kind);
    }
    return kind.cast(spec);
  }

  /** The custom headers of a job or user task ({@code zeebe:taskHeaders}); empty for others. */
  public Map<String, String> customHeaders() {
    if (spec instanceof ElementSpec.JobWorker job) {
      return job.headers();
    }
    if (spec instanceof ElementSpec.HumanTask task) {
      return task.headers();
    }
    return Map.of();
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

  /** For an exclusive or inclusive gateway: the flow taken when no condition holds, or null. */
  public SequenceFlow defaultFlow() {
    return defaultFlow;
  }

  public List<Mapping> inputs() {
    return Collections.unmodifiableList(inputs);
  }

  public List<Mapping> outputs() {
    return Collections.unmodifiableList(outputs);
  }

  /**
   * For a boundary event or the start event of an event sub-process: whether it cancels the
   * activity it is attached to, or the scope it runs in.
   */
  public boolean interrupting() {
    return interrupting;
  }

  /** The multi-instance characteristics, or {@code null} for a single-instance activity. */
  public MultiInstance multiInstance() {
    return multiInstance;
  }

  /**
   * For an activity with a compensation boundary event: the handler associated with it, or null.
   */
  public FlowNode compensationHandler() {
    return compensationHandler;
  }

  /** The execution listeners of an event, in declared order. */
  public List<ExecutionListener> executionListeners(ExecutionListenerEvent eventType) {
    return executionListeners.stream().filter(l -> l.eventType() == eventType).toList();
  }

  /** For a scope: its event sub-processes. */
  public List<FlowNode> eventSubProcesses() {
    return children(Behavior.EVENT_SUB_PROCESS);
  }

  /** Signal start events of a process (top level). */
  public List<FlowNode> signalStarts() {
    return children(Behavior.SIGNAL_START);
  }

  /** Timer start events of a process (top level). */
  public List<FlowNode> timerStarts() {
    return children(Behavior.TIMER_START);
  }

  /** Message start events of a process (top level). */
  public List<FlowNode> messageStarts() {
    return children(Behavior.MESSAGE_START);
  }

  private List<FlowNode> children(Behavior behavior) {
    return children.stream().filter(c -> c.behavior == behavior).toList();
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
