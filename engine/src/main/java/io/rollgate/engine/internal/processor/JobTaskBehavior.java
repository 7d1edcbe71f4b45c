package io.rollgate.engine.internal.processor;

import io.rollgate.engine.internal.feel.EvaluationException;
import io.rollgate.engine.internal.model.ElementSpec;
import io.rollgate.engine.internal.model.FlowNode;
import io.rollgate.engine.internal.state.ElementInstance;
import io.rollgate.engine.internal.state.Job;
import io.rollgate.engine.internal.state.PendingStep;
import java.util.Map;

/**
 * Elements a job worker does: service, send and job-based script tasks, job-based user tasks,
 * intermediate message throw and message end events. A job with the element's type, retries and
 * headers is created; the element waits until the job is completed, failed or throws an error.
 */
final class JobTaskBehavior implements ElementBehavior {
  private final Runtime runtime;
  private final TaskAttributes userTaskAttributes;

  JobTaskBehavior(Runtime runtime) {
    this.runtime = runtime;
    this.userTaskAttributes = new TaskAttributes(runtime.feel(), runtime::now);
  }

  @Override
  public void activate(ElementInstance instance, FlowNode node) {
    ElementSpec.JobWorker worker =
        node.spec() instanceof ElementSpec.HumanTask task
            ? task.job()
            : node.spec(ElementSpec.JobWorker.class);
    Jobs.Definition definition =
        runtime.jobs().definition(instance, worker.type(), worker.retries(), PendingStep.ACTIVATE);
    if (definition == null) {
      return;
    }
    Map<String, String> headers = worker.headers();
    if (node.spec() instanceof ElementSpec.HumanTask task) {
      try {
        headers = userTaskAttributes.jobHeaders(task, runtime.variables().visible(instance.key));
      } catch (EvaluationException e) {
        runtime.incidents().failActivation(instance, e);
        return;
      }
    }
    Job job = runtime.jobs().add(instance, definition.type(), (int) definition.retries(), headers);
    instance.jobKey = job.key;
  }
}
