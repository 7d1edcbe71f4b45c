package io.rollgate.workers.gate;

import io.camunda.client.CamundaClient;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.rollgate.processes.Lifecycle;
import io.rollgate.processes.Lifecycle.Variables;
import io.rollgate.workers.gate.GoNoGoPolicy.Allowed;
import io.rollgate.workers.gate.GoNoGoPolicy.Completion;
import io.rollgate.workers.gate.GoNoGoPolicy.Denied;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code rollgate-go-no-go-check}: the go/no-go task's {@code completing} listener. It denies a
 * completion {@link GoNoGoPolicy} refuses, with the reason, so the task stays open; otherwise it
 * records who approved (and how many approvers are still missing) on the release and lets the
 * completion through. The approver is as {@link SeparationOfDuties} finds it.
 */
public final class GoNoGoCheckWorker {

  private static final Logger LOG = LoggerFactory.getLogger(GoNoGoCheckWorker.class);

  private final GoNoGoPolicy policy;
  private final CamundaClient camunda;

  GoNoGoCheckWorker(GoNoGoPolicy policy, CamundaClient camunda) {
    this.policy = policy;
    this.camunda = camunda;
  }

  @JobWorker(
      type = Lifecycle.Jobs.ROLLGATE_GO_NO_GO_CHECK,
      name = "rollgate-" + Lifecycle.Jobs.ROLLGATE_GO_NO_GO_CHECK,
      autoComplete = false,
      fetchAllVariables = true)
  public void handle(JobClient client, ActivatedJob job) {
    Completion completion = completion(job);
    GoNoGoPolicy.Outcome outcome = policy.check(completion, Instant.now());
    if (outcome instanceof Denied denied) {
      LOG.info(
          "go/no-go completion denied release_id={} approver={} reason={}",
          job.getVariablesAsMap().get(Variables.RELEASE_ID),
          completion.approver(),
          denied.reason());
      client
          .newCompleteCommand(job)
          .withResult(r -> r.forUserTask().deny(true, denied.reason()))
          .send()
          .join();
      return;
    }
    Allowed allowed = (Allowed) outcome;
    camunda
        .newSetVariablesCommand(job.getProcessInstanceKey())
        .variables(
            Map.of(
                Variables.GO_APPROVERS, allowed.approvers(),
                Variables.GO_APPROVALS_MISSING, allowed.approvalsMissing()))
        .send()
        .join();
    client.newCompleteCommand(job).send().join();
  }

  static Completion completion(ActivatedJob job) {
    Map<String, Object> v = job.getVariablesAsMap();
    String approver = SeparationOfDuties.approver(job);
    Object readiness = v.get(Variables.READINESS);
    String verdict = readiness instanceof Map<?, ?> r ? text(r.get("verdict")) : null;
    List<String> risks = readiness instanceof Map<?, ?> r ? texts(r.get("reasons")) : List.of();
    return new Completion(
        text(v.get(Variables.GO_DECISION)),
        text(v.get(Variables.JUSTIFICATION)),
        texts(v.get(Variables.ACCEPTED_RISKS)),
        approver,
        text(v.get(Variables.REQUESTED_BY)),
        verdict,
        risks,
        text(v.get(Variables.CHANGE_TYPE)),
        text(v.get(Variables.SERVICE)),
        texts(v.get(Variables.GO_APPROVERS)),
        text(v.get(Variables.RISKS_ACCEPTED_UNTIL)));
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }

  private static List<String> texts(Object value) {
    if (value instanceof List<?> list) {
      return list.stream().filter(e -> e != null).map(Object::toString).toList();
    }
    return value == null ? List.of() : List.of(value.toString());
  }
}
