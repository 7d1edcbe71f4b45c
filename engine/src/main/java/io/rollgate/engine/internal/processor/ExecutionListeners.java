package io.rollgate.engine.internal.processor;

import io.rollgate.engine.internal.model.ExecutionListener;
import io.rollgate.engine.internal.model.ExecutionListenerEvent;
import io.rollgate.engine.internal.model.FlowNode;
import io.rollgate.engine.internal.state.ElementInstance;
import io.rollgate.engine.internal.state.Job;
import io.rollgate.engine.internal.state.JobKind;
import io.rollgate.engine.internal.state.ListenerEventType;
import io.rollgate.engine.internal.state.PendingStep;
import java.util.Map;
import java.util.function.Function;

/**
 * Execution listeners: the jobs that hold an element at its start or end, one listener after
 * another in declaration order.
 */
final class ExecutionListeners {
  /** The job kind of an execution listener's job, as the REST API names it. */
  static final JobKind KIND = JobKind.EXECUTION_LISTENER;

  private final Variables variables;
  private final Jobs jobs;
  private final Function<ElementInstance, FlowNode> nodes;

  ExecutionListeners(Variables variables, Jobs jobs, Function<ElementInstance, FlowNode> nodes) {
    this.variables = variables;
    this.jobs = jobs;
    this.nodes = nodes;
  }

  /** Holds the element while its listeners of the event run, one after another. */
  void begin(ElementInstance instance, ExecutionListenerEvent event) {
    instance.listenerEvent = event;
    instance.listenerIndex = 0;
    createJob(instance);
  }

  /** Creates the job of the element's current listener, or an incident when its FEEL fails. */
  void createJob(ElementInstance instance) {
    if (!instance.isActive()) {
      return;
    }
    FlowNode node = nodes.apply(instance);
    ExecutionListener listener =
        node.executionListeners(instance.listenerEvent).get(instance.listenerIndex);
    Jobs.Definition definition =
        jobs.definition(
            instance, listener.type(), listener.retries(), PendingStep.EXECUTION_LISTENER);
    if (definition == null) {
      return;
    }
    Job job =
        jobs.add(instance, definition.type(), (int) definition.retries(), node.customHeaders());
    job.kind = KIND;
    job.listenerEventType = ListenerEventType.of(instance.listenerEvent);
    instance.jobKey = job.key;
  }

  /**
   * A listener's job completed: its variables are set in the element's own scope, then the next
   * listener runs.
   *
   * @return the event whose listeners have now all completed, so the element goes on where they
   *     held it; null while another listener runs
   */
  ExecutionListenerEvent completed(ElementInstance instance, Map<String, Object> result) {
    instance.jobKey = null;
    if (!result.isEmpty()) {
      variables.setAllLocal(instance.key, result);
    }
    instance.listenerIndex++;
    FlowNode node = nodes.apply(instance);
    if (instance.listenerIndex < node.executionListeners(instance.listenerEvent).size()) {
      createJob(instance);
      return null;
    }
    ExecutionListenerEvent event = instance.listenerEvent;
    instance.listenerEvent = null;
    instance.listenerIndex = 0;
    return event;
  }
}
