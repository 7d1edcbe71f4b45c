package io.rollgate.app.release;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import io.rollgate.app.record.NewRelease;
import io.rollgate.app.record.ReleaseNotFoundException;
import io.rollgate.app.record.ReleaseRecord;
import io.rollgate.app.record.ReleaseRecords;
import io.rollgate.processes.Lifecycle;
import io.rollgate.processes.Lifecycle.Variables;
import io.rollgate.workers.job.ReleaseMdc;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Starts releases and takes the release manager's go/no-go: the release record first, then the
 * process instance on the engine, so no release runs that the records do not know.
 */
@Service
class ReleaseService {

  private static final Logger LOG = LoggerFactory.getLogger(ReleaseService.class);
  private static final Duration APPROVAL_POLL_INTERVAL = Duration.ofMinutes(1);

  private final ReleaseRecords records;
  private final CamundaClient camunda;
  private final ReleaseMetrics metrics;
  private final Clock clock;

  ReleaseService(ReleaseRecords records, CamundaClient camunda, ReleaseMetrics metrics) {
    this.records = records;
    this.camunda = camunda;
    this.metrics = metrics;
    this.clock = Clock.systemUTC();
  }

  /**
   * @throws InvalidReleaseException naming the field when the plan cannot run
   */
  ReleaseRecord start(StartRelease request, String requestedBy) {
    checkPlan(request);
    Instant windowStart =
        request.windowStart() == null ? clock.instant() : request.windowStart().toInstant();
    Map<String, Object> plan = new LinkedHashMap<>();
    plan.put(Variables.REPOSITORY, request.repository());
    plan.put(Variables.DEPLOY_WORKFLOW, request.deployWorkflow());
    plan.put(Variables.FLAG_KEY, request.flagKey());
    plan.put(Variables.WINDOW_START, windowStart.toString());
    plan.put(Variables.WAVES, request.waves());
    plan.put(Variables.BAKE_TIME, request.bakeTime().toString());
    // Readiness evidence from the pipeline: absent ones stay absent, and readiness says NO_GO.
    putIfPresent(plan, Variables.RUNBOOK_URL, request.runbookUrl());
    putIfPresent(plan, Variables.ROLLBACK_PLAN_URL, request.rollbackPlanUrl());
    putIfPresent(plan, Variables.TEST_REPORT_URL, request.testReportUrl());
    putIfPresent(plan, Variables.TEST_PASS_RATIO, request.testPassRatio());
    ReleaseRecord release =
        records.create(
            new NewRelease(
                request.service(),
                request.version(),
                request.commitSha(),
                request.environment(),
                request.changeModel(),
                requestedBy,
                plan));
    try (ReleaseMdc mdc = ReleaseMdc.of(release.id(), null)) {
      long key = startProcess(release, request, plan);
      records.attachProcess(release.id(), key);
      metrics.started();
      LOG.info(
          "release started release_id={} service={} version={} requested_by={} process_instance={}",
          release.id(),
          release.service(),
          release.version(),
          requestedBy,
          key);
    } catch (RuntimeException e) {
      records.ended(release.id(), "FAILED", "the engine did not start the release: " + e);
      metrics.ended("FAILED");
      throw new EngineUnavailableException("the engine did not start the release", e);
    }
    return records.find(release.id()).orElseThrow();
  }

  private static void putIfPresent(Map<String, Object> plan, String name, Object value) {
    if (value != null) {
      plan.put(name, value);
    }
  }

  private long startProcess(ReleaseRecord release, StartRelease request, Map<String, Object> plan) {
    Map<String, Object> variables = new LinkedHashMap<>(plan);
    variables.put(Variables.RELEASE_ID, release.id());
    variables.put(Variables.SERVICE, request.service());
    variables.put(Variables.VERSION, request.version());
    variables.put(Variables.COMMIT_SHA, request.commitSha());
    variables.put(Variables.CHANGE_TYPE, request.changeModel());
    variables.put(Variables.REQUESTED_BY, release.requestedBy());
    variables.put(Variables.APPROVAL_POLL_INTERVAL, APPROVAL_POLL_INTERVAL.toString());
    return camunda
        .newCreateInstanceCommand()
        .bpmnProcessId(Lifecycle.Processes.RELEASE)
        .latestVersion()
        .variables(variables)
        .send()
        .join()
        .getProcessInstanceKey();
  }

  private void checkPlan(StartRelease request) {
    List<Integer> waves = request.waves();
    int previous = 0;
    for (Integer wave : waves) {
      if (wave == null || wave <= previous || wave > 100) {
        throw new InvalidReleaseException(
            "waves", "must rise strictly from above 0 to 100, for example [1, 10, 50, 100]");
      }
      previous = wave;
    }
    if (previous != 100) {
      throw new InvalidReleaseException("waves", "must end at 100");
    }
    if (request.bakeTime().isNegative() || request.bakeTime().isZero()) {
      throw new InvalidReleaseException("bakeTime", "must be a positive ISO-8601 duration");
    }
    if (request.windowStart() != null
        && request.windowStart().toInstant().isBefore(clock.instant().minusSeconds(60))) {
      throw new InvalidReleaseException("windowStart", "is in the past");
    }
  }

  /**
   * Completes the release's open go/no-go task with the release manager's decision.
   *
   * @throws ReleaseNotFoundException for an unknown release
   * @throws SeparationOfDutiesException when the decider requested the release
   * @throws NoOpenDecisionException when the release is not waiting for a go/no-go
   * @throws GoNoGoDeniedException when the model's go/no-go check refuses the decision
   */
  void decideGoNoGo(String releaseId, GoNoGoDecision decision, String decidedBy) {
    ReleaseRecord release =
        records.find(releaseId).orElseThrow(() -> new ReleaseNotFoundException(releaseId));
    if (decidedBy.equals(release.requestedBy())) {
      throw new SeparationOfDutiesException(releaseId, decidedBy);
    }
    try (ReleaseMdc mdc = ReleaseMdc.of(releaseId, release.changeNumber())) {
      UserTask task = openGoNoGoTask(release);
      Map<String, Object> variables = new LinkedHashMap<>();
      variables.put(Variables.GO_DECISION, decision.decision());
      variables.put(Variables.JUSTIFICATION, decision.justification());
      variables.put(Variables.DECIDED_BY, decidedBy);
      if (decision.acceptedRisks() != null) {
        variables.put(Variables.ACCEPTED_RISKS, decision.acceptedRisks());
      }
      try {
        camunda
            .newCompleteUserTaskCommand(task.getUserTaskKey())
            .variables(variables)
            .send()
            .join();
      } catch (ProblemException e) {
        if (e.code() != 409 || e.details() == null) {
          throw e;
        }
        // The completing listener denied it: its reason is in the problem's detail.
        throw new GoNoGoDeniedException(releaseId, deniedReason(e.details().getDetail()));
      }
      LOG.info(
          "go/no-go taken release_id={} decision={} decided_by={}",
          releaseId,
          decision.decision(),
          decidedBy);
    }
  }

  /** The reason inside the engine's message ({@code ... Reason: 'x'} or {@code Reason to deny}). */
  private static String deniedReason(String detail) {
    if (detail == null) {
      return "no reason given";
    }
    for (String marker : List.of("Reason to deny: '", "Reason: '")) {
      int at = detail.lastIndexOf(marker);
      if (at >= 0) {
        String reason = detail.substring(at + marker.length());
        return reason.endsWith("'") ? reason.substring(0, reason.length() - 1) : reason;
      }
    }
    return detail;
  }

  private UserTask openGoNoGoTask(ReleaseRecord release) {
    if (release.processInstanceKey() == null || release.endedAt() != null) {
      throw new NoOpenDecisionException(release.id(), release.state());
    }
    return camunda
        .newUserTaskSearchRequest()
        .filter(
            f ->
                f.processInstanceKey(release.processInstanceKey())
                    .elementId(Lifecycle.UserTasks.GO_NO_GO)
                    .state(UserTaskState.CREATED))
        .send()
        .join()
        .items()
        .stream()
        .findFirst()
        .orElseThrow(() -> new NoOpenDecisionException(release.id(), release.state()));
  }
}
