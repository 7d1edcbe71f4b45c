package io.rollgate.workers.gate;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.rollgate.processes.Lifecycle;
import io.rollgate.processes.Lifecycle.Variables;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code rollgate-decision-check}: the {@code completing} listener of the decision tasks beside
 * go/no-go (window ended, readiness changed, rollout held, flag change not approved). It denies a
 * completion {@link DecisionPolicy} refuses, with the reason, so the task stays open in Camunda
 * Tasklist as in Rollgate's API; otherwise it lets the completion through.
 */
public final class DecisionCheckWorker {

  private static final Logger LOG = LoggerFactory.getLogger(DecisionCheckWorker.class);

  private final DecisionPolicy policy;

  DecisionCheckWorker(DecisionPolicy policy) {
    this.policy = policy;
  }

  @JobWorker(
      type = Lifecycle.Jobs.ROLLGATE_DECISION_CHECK,
      name = "rollgate-" + Lifecycle.Jobs.ROLLGATE_DECISION_CHECK,
      autoComplete = false,
      fetchAllVariables = true)
  public void handle(JobClient client, ActivatedJob job) {
    String approver = SeparationOfDuties.approver(job);
    Optional<String> denial = policy.denial(job.getElementId(), job.getVariablesAsMap(), approver);
    if (denial.isPresent()) {
      LOG.info(
          "decision denied release_id={} task={} approver={} reason={}",
          job.getVariablesAsMap().get(Variables.RELEASE_ID),
          job.getElementId(),
          approver,
          denial.get());
      client
          .newCompleteCommand(job)
          .withResult(r -> r.forUserTask().deny(true, denial.get()))
          .send()
          .join();
      return;
    }
    client.newCompleteCommand(job).send().join();
  }
}
