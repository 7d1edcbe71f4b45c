package io.rollgate.app.release;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientException;
import io.camunda.client.api.command.ClientHttpException;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.Incident;
import io.camunda.client.api.search.response.UserTask;
import io.rollgate.app.problem.FieldProblem;
import io.rollgate.app.record.CanonicalJson;
import io.rollgate.app.record.Decision;
import io.rollgate.app.record.DecisionEntry;
import io.rollgate.app.record.DecisionLog;
import io.rollgate.app.record.NewRelease;
import io.rollgate.app.record.ReleaseNotFoundException;
import io.rollgate.app.record.ReleaseRecord;
import io.rollgate.app.record.ReleaseRecords;
import io.rollgate.app.task.CompletionDeniedException;
import io.rollgate.app.task.UserTaskCompletion;
import io.rollgate.processes.Lifecycle;
import io.rollgate.processes.Lifecycle.Variables;
import io.rollgate.workers.job.ReleaseMdc;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Starts releases and takes the release manager's go/no-go, abort and retry of a stopped step: the
 * release record first, then the process instance on the engine, so no release runs that the
 * records do not know.
 */
@Service
class ReleaseService {

  private static final Logger LOG = LoggerFactory.getLogger(ReleaseService.class);
  private static final Duration APPROVAL_POLL_INTERVAL = Duration.ofMinutes(1);

  /** How long an abort waits for the model to undo what ran and end the release. */
  static final Duration ABORT_WAIT = Duration.ofSeconds(20);

  /** The decision log's name for a person running a stopped step again. */
  static final String RETRY = "retry";

  /**
   * The retries a retried step's job gets back: the budget every step of the models starts with
   * (the engine's default for a job), so a system that is still flaky fails it into a new incident
   * after its back-off, as the first time.
   */
  static final int RETRIES = 3;

  /** How long an abort waits in the engine for a release whose process is not subscribed yet. */
  private static final Duration ABORT_MESSAGE_TTL = Duration.ofMinutes(10);

  private final ReleaseRecords records;
  private final CamundaClient camunda;
  private final ReleaseMetrics metrics;
  private final IdempotencyKeys idempotencyKeys;
  private final Validator validator;
  private final ReleaseProperties properties;
  private final ReleaseTimeline timeline;
  private final DecisionLog decisions;
  private final GateSignals signals;
  private final UserTaskCompletion completion;
  private final ReleaseIncidents incidents;
  private final Clock clock;

  ReleaseService(
      ReleaseRecords records,
      CamundaClient camunda,
      ReleaseMetrics metrics,
      IdempotencyKeys idempotencyKeys,
      Validator validator,
      ReleaseProperties properties,
      ReleaseTimeline timeline,
      DecisionLog decisions,
      GateSignals signals,
      UserTaskCompletion completion,
      ReleaseIncidents incidents) {
    this.records = records;
    this.camunda = camunda;
    this.metrics = metrics;
    this.idempotencyKeys = idempotencyKeys;
    this.validator = validator;
    this.properties = properties;
    this.timeline = timeline;
    this.decisions = decisions;
    this.signals = signals;
    this.completion = completion;
    this.incidents = incidents;
    this.clock = Clock.systemUTC();
  }

  /** A start request's answer: the release, and whether this call started it. */
  record Started(ReleaseRecord release, boolean created) {}

  /**
   * Starts a release, or with an idempotency key used before with the same request, returns the
   * release that call started.
   *
   * @param idempotencyKey the caller's key for this request; null for none
   * @throws InvalidReleaseException naming each field that cannot run
   * @throws IdempotencyConflictException when the key was used with another request
   * @throws IdempotencyInProgressException when the key's first call is still starting
   */
  Started start(StartRelease given, String requestedBy, String idempotencyKey) {
    // what the request leaves out, the service's configured defaults give
    StartRelease request = properties.withDefaults(given);
    check(request);
    if (idempotencyKey == null) {
      return new Started(start(request, requestedBy), true);
    }
    String requestHash = CanonicalJson.sha256(CanonicalJson.of(given));
    var earlier = idempotencyKeys.reserve(requestedBy, idempotencyKey, requestHash);
    if (earlier.isPresent()) {
      if (!earlier.get().requestHash().equals(requestHash)) {
        throw new IdempotencyConflictException(idempotencyKey);
      }
      if (earlier.get().releaseId() == null) {
        throw new IdempotencyInProgressException(idempotencyKey);
      }
      String id = earlier.get().releaseId();
      return new Started(
          records.find(id).orElseThrow(() -> new ReleaseNotFoundException(id)), false);
    }
    try {
      ReleaseRecord release = start(request, requestedBy);
      idempotencyKeys.bind(requestedBy, idempotencyKey, release.id());
      return new Started(release, true);
    } catch (RuntimeException e) {
      idempotencyKeys.release(requestedBy, idempotencyKey);
      throw e;
    }
  }

  private ReleaseRecord start(StartRelease request, String requestedBy) {
    Instant windowStart =
        request.windowStart() == null ? clock.instant() : request.windowStart().toInstant();
    Map<String, Object> plan = new LinkedHashMap<>();
    plan.put(Variables.REPOSITORY, request.repository());
    plan.put(Variables.DEPLOY_WORKFLOW, request.deployWorkflow());
    plan.put(Variables.FLAG_KEY, request.flagKey());
    plan.put(Variables.WINDOW_START, windowStart.toString());
    if (request.windowEnd() != null) {
      plan.put(Variables.WINDOW_END, request.windowEnd().toInstant().toString());
    }
    plan.put(Variables.WAVES, request.waves());
    plan.put(Variables.BAKE_TIME, request.bakeTime().toString());
    plan.put(Variables.CI_PROVIDER, request.ciProvider() == null ? "github" : request.ciProvider());
    putIfPresent(plan, Variables.CI_WORKFLOW, request.ciWorkflow());
    putIfPresent(plan, "pipelineUrl", request.pipelineUrl());
    putIfPresent(plan, "runbookUrl", request.runbookUrl());
    putIfPresent(plan, "rollbackPlanUrl", request.rollbackPlanUrl());
    putIfPresent(plan, "testReportUrl", request.testReportUrl());
    // Readiness requires the links (absent ones stay absent: NO_GO) and the test pass ratio.
    if (request.testPassRatio() != null) {
      plan.put(Variables.TEST_PASS_RATIO, request.testPassRatio());
    }
    if (request.cutoverSteps() != null) {
      plan.put(Variables.CUTOVER_STEPS, CutoverStep.asVariable(request.cutoverSteps()));
    }
    ReleaseProperties.ServiceDefaults defaults = properties.defaultsFor(request.service());
    if (defaults.minTestPassRatio() != null) {
      plan.put(Variables.MIN_TEST_PASS_RATIO, defaults.minTestPassRatio());
    }
    if (defaults.readinessMaxAge() != null) {
      plan.put(Variables.READINESS_MAX_AGE, defaults.readinessMaxAge().toString());
    }
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
      timeline.record(
          release.id(),
          ReleaseTimeline.RELEASE_ENDED,
          ReleaseTimeline.data(
              "state", "FAILED", "outcome", "the engine did not start the release"),
          "ended:" + release.id());
      metrics.ended("FAILED");
      throw new EngineUnavailableException("the engine did not start the release", e);
    }
    return records.find(release.id()).orElseThrow();
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

  /** Puts {@code value} under {@code name} unless it is absent. */
  static void putIfPresent(Map<String, Object> plan, String name, String value) {
    if (value != null) {
      plan.put(name, value);
    }
  }

  /** Every field that keeps the request from running, at once, so one round trip fixes them. */
  private void check(StartRelease request) {
    List<FieldProblem> problems = new ArrayList<>();
    validator.validate(request).stream()
        .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
        .forEach(
            v -> problems.add(new FieldProblem(v.getPropertyPath().toString(), v.getMessage())));
    if (request.service() != null
        && !request.service().isBlank()
        && !properties.knows(request.service())) {
      problems.add(
          new FieldProblem(
              "service",
              "is not a service Rollgate knows; known: " + String.join(", ", properties.known())));
    }
    if (request.repository() != null
        && request.repository().matches("[^/]+/[^/]+/.+")
        && (request.ciProvider() == null || "github".equals(request.ciProvider()))) {
      problems.add(
          new FieldProblem(
              "repository", "must be owner/name on GitHub; a path with subgroups is GitLab's"));
    }
    checkWaves(request.waves(), problems);
    problems.addAll(CutoverStep.problems(request.cutoverSteps(), request.ciProvider()));
    if (request.bakeTime() != null
        && (request.bakeTime().isNegative() || request.bakeTime().isZero())) {
      problems.add(new FieldProblem("bakeTime", "must be a positive ISO-8601 duration"));
    }
    if (request.windowStart() != null
        && request.windowStart().toInstant().isBefore(clock.instant().minusSeconds(60))) {
      problems.add(new FieldProblem("windowStart", "is in the past; leave it out to start now"));
    }
    if (request.windowEnd() != null) {
      Instant opens =
          request.windowStart() == null ? clock.instant() : request.windowStart().toInstant();
      if (!request.windowEnd().toInstant().isAfter(opens)) {
        problems.add(
            new FieldProblem(
                "windowEnd", "must be after the window opens (windowStart, or now without one)"));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidReleaseException(problems);
    }
  }

  private static void checkWaves(List<Integer> waves, List<FieldProblem> problems) {
    if (waves == null || waves.isEmpty()) {
      return;
    }
    int previous = 0;
    for (Integer wave : waves) {
      if (wave == null || wave <= previous || wave > 100) {
        problems.add(
            new FieldProblem(
                "waves", "must rise strictly from above 0 to 100, for example [1, 10, 50, 100]"));
        return;
      }
      previous = wave;
    }
    if (previous != 100) {
      problems.add(new FieldProblem("waves", "must end at 100"));
    }
  }

  /**
   * Stops a running release: publishes {@value Lifecycle.Messages#RELEASE_ABORT} to its process,
   * whose abort path undoes what ran (flag, cutover steps), cancels the change with the reason and
   * records who stopped it and why; then waits up to {@link #ABORT_WAIT} for the release to end.
   *
   * @param mayActOnAnyRelease false for a pipeline, which may stop only the releases it started
   * @return the release: ended {@value Lifecycle.EndStates#ABORTED}, or still running while the
   *     model undoes what ran (a checklist rollback step waits for a person, say)
   * @throws ReleaseNotFoundException for an unknown release
   * @throws NotYourReleaseException when a pipeline stops another caller's release
   * @throws ReleaseEndedException when the release already ended
   */
  ReleaseRecord abort(String releaseId, String reason, String caller, boolean mayActOnAnyRelease) {
    ReleaseRecord release = running(releaseId, caller, mayActOnAnyRelease);
    try (ReleaseMdc mdc = ReleaseMdc.of(releaseId, release.changeNumber())) {
      Map<String, Object> variables = new LinkedHashMap<>();
      variables.put(Variables.ABORT_REASON, reason);
      variables.put(Variables.ABORTED_BY, caller);
      try {
        camunda
            .newPublishMessageCommand()
            .messageName(Lifecycle.Messages.RELEASE_ABORT)
            .correlationKey(releaseId)
            .timeToLive(ABORT_MESSAGE_TTL)
            .variables(variables)
            .send()
            .join();
      } catch (ClientException e) {
        throw new EngineUnavailableException("the engine did not take the abort", e);
      }
      LOG.info("release abort asked release_id={} by={}", releaseId, caller);
    }
    return awaitEnd(releaseId, ABORT_WAIT);
  }

  /** The release once it ended, or as it is when {@code wait} passed first. */
  private ReleaseRecord awaitEnd(String releaseId, Duration wait) {
    Instant deadline = clock.instant().plus(wait);
    while (true) {
      CountDownLatch changed = new CountDownLatch(1);
      Runnable stopListening = signals.onNextChange(releaseId, changed::countDown);
      try {
        ReleaseRecord now = records.find(releaseId).orElseThrow();
        Duration left = Duration.between(clock.instant(), deadline);
        if (now.endedAt() != null || left.isNegative() || left.isZero()) {
          return now;
        }
        // a signal from another instance may be missed: read the record again every second
        changed.await(Math.min(left.toMillis(), 1000), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return records.find(releaseId).orElseThrow();
      } finally {
        stopListening.run();
      }
    }
  }

  /**
   * Records a deploy step's result reported by the pipeline and publishes it to the release's
   * process as message {@value Lifecycle.Messages#DEPLOYMENT_REPORTED} (correlation key: {@code
   * <release id>/<step>}), where the cutover step of that name, of kind {@code pipeline}, decides
   * what it means: the rollout goes on after a success, anything else fails the step and rolls
   * cutover back.
   *
   * @return the timeline event's id
   * @throws ReleaseNotFoundException for an unknown release
   * @throws NotYourReleaseException when a pipeline reports on another caller's release
   * @throws ReleaseEndedException when the release already ended
   */
  DecisionEntry reportDeployment(
      String releaseId, DeploymentReport report, String caller, boolean mayActOnAnyRelease) {
    ReleaseRecord release = running(releaseId, caller, mayActOnAnyRelease);
    Map<String, Object> seen = new LinkedHashMap<>();
    seen.put("step", report.step());
    seen.put("result", report.result());
    seen.put("url", report.url());
    seen.put("artifactDigest", report.artifactDigest());
    DecisionEntry entry;
    try (ReleaseMdc mdc = ReleaseMdc.of(releaseId, release.changeNumber())) {
      entry =
          decisions.append(
              new Decision(
                  releaseId,
                  "deployment",
                  "success".equals(report.result()) ? "DEPLOYED" : "DEPLOY_FAILED",
                  caller,
                  "deploy step " + report.step() + " reported " + report.result(),
                  seen,
                  null));
      timeline.record(
          releaseId,
          ReleaseTimeline.DEPLOYMENT_REPORTED,
          new LinkedHashMap<>(seen),
          "decision:" + entry.sequence() + ":" + ReleaseTimeline.DEPLOYMENT_REPORTED);
      Map<String, Object> variables = new LinkedHashMap<>();
      variables.put(Variables.DEPLOY_RESULT, report.result());
      variables.put(Variables.DEPLOY_URL, report.url());
      variables.put("artifactDigest", report.artifactDigest());
      camunda
          .newPublishMessageCommand()
          .messageName(Lifecycle.Messages.DEPLOYMENT_REPORTED)
          .correlationKey(releaseId + "/" + report.step())
          .timeToLive(Duration.ofMinutes(10))
          .variables(variables)
          .send()
          .join();
      LOG.info(
          "deployment reported release_id={} step={} result={} by={}",
          releaseId,
          report.step(),
          report.result(),
          caller);
    } catch (ClientException e) {
      throw new EngineUnavailableException("the engine did not take the deployment result", e);
    }
    signals.publish(releaseId);
    return entry;
  }

  /**
   * Runs the step a release stopped at again: the decision log records who retried it, why, and the
   * incident as they saw it (element, error type, message); then the failed job gets {@link
   * #RETRIES} retries back and the incident is resolved, so the step runs again (an incident of no
   * job, an expression that could not be evaluated say, is resolved only).
   *
   * @return the release as it is once the engine took the retry
   * @throws ReleaseNotFoundException for an unknown release
   * @throws ReleaseEndedException when the release already ended
   * @throws NoOpenIncidentException when the release does not stand at an incident
   * @throws EngineUnavailableException when the engine cannot be asked or did not take the retry
   */
  ReleaseRecord retry(String releaseId, String justification, String caller) {
    ReleaseRecord release = running(releaseId, caller, true);
    if (release.processInstanceKey() == null) {
      throw new NoOpenIncidentException(releaseId);
    }
    try (ReleaseMdc mdc = ReleaseMdc.of(releaseId, release.changeNumber())) {
      Incident incident;
      try {
        incident =
            incidents
                .firstOpenIn(release.processInstanceKey())
                .orElseThrow(() -> new NoOpenIncidentException(releaseId));
      } catch (ClientException e) {
        throw new EngineUnavailableException("the engine did not say where the release stands", e);
      }
      ReleaseIncidents.StoppedAt shown = ReleaseIncidents.StoppedAt.of(incident);
      Map<String, Object> seen = new LinkedHashMap<>();
      seen.put("incidentKey", incident.getIncidentKey());
      seen.put("element", shown.element());
      seen.put("errorType", shown.errorType());
      seen.put("message", shown.message());
      // one entry per incident: a retry asked again after the engine did not take it records once
      DecisionEntry entry =
          decisions.append(
              new Decision(
                  releaseId,
                  RETRY,
                  "RETRY",
                  caller,
                  justification,
                  seen,
                  "incident:" + incident.getIncidentKey()));
      timeline.record(
          releaseId,
          ReleaseTimeline.STEP_RETRIED,
          ReleaseTimeline.data(
              "element", shown.element(),
              "message", shown.message(),
              "actor", caller,
              "justification", justification,
              "sequence", entry.sequence()),
          "decision:" + entry.sequence() + ":" + ReleaseTimeline.STEP_RETRIED);
      resolve(releaseId, incident);
      LOG.info(
          "step retried release_id={} element={} incident={} by={}",
          releaseId,
          shown.element(),
          incident.getIncidentKey(),
          caller);
    }
    signals.publish(releaseId);
    return records.find(releaseId).orElseThrow();
  }

  private void resolve(String releaseId, Incident incident) {
    try {
      if (incident.getJobKey() != null) {
        camunda.newUpdateRetriesCommand(incident.getJobKey()).retries(RETRIES).send().join();
      }
      camunda.newResolveIncidentCommand(incident.getIncidentKey()).send().join();
    } catch (ClientHttpException e) {
      if (e.code() == 404) {
        // resolved meanwhile, by another person's retry
        throw new NoOpenIncidentException(releaseId);
      }
      throw new EngineUnavailableException("the engine did not take the retry", e);
    } catch (ClientException e) {
      throw new EngineUnavailableException("the engine did not take the retry", e);
    }
  }

  private ReleaseRecord running(String releaseId, String caller, boolean mayActOnAnyRelease) {
    ReleaseRecord release =
        records.find(releaseId).orElseThrow(() -> new ReleaseNotFoundException(releaseId));
    if (!mayActOnAnyRelease && !caller.equals(release.requestedBy())) {
      throw new NotYourReleaseException(releaseId);
    }
    if (release.endedAt() != null) {
      throw new ReleaseEndedException(releaseId, release.state());
    }
    return release;
  }

  /**
   * The release's record and every decision with the evidence snapshot it saw.
   *
   * @throws ReleaseNotFoundException for an unknown release
   */
  EvidencePack evidence(String releaseId) {
    ReleaseRecord release =
        records.find(releaseId).orElseThrow(() -> new ReleaseNotFoundException(releaseId));
    List<EvidencePack.Entry> entries =
        decisions.forRelease(releaseId).stream()
            .map(
                d ->
                    new EvidencePack.Entry(
                        d.sequence(),
                        d.releaseId(),
                        d.gate(),
                        d.decision(),
                        d.actor(),
                        d.justification(),
                        d.decidedAt(),
                        decisions.evidence(d.evidenceHash()).orElse(null),
                        d.evidenceHash(),
                        d.previousHash(),
                        d.entryHash()))
            .toList();
    return new EvidencePack(EvidencePack.FORMAT, release, entries, clock.instant());
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
      if (decision.acceptedRisks() != null) {
        variables.put(Variables.ACCEPTED_RISKS, decision.acceptedRisks());
      }
      if (decision.risksAcceptedUntil() != null) {
        variables.put(Variables.RISKS_ACCEPTED_UNTIL, decision.risksAcceptedUntil().toString());
      }
      try {
        completion.complete(task.getUserTaskKey(), variables, decidedBy);
      } catch (CompletionDeniedException e) {
        throw new GoNoGoDeniedException(releaseId, e.reason());
      }
      LOG.info(
          "go/no-go taken release_id={} decision={} decided_by={}",
          releaseId,
          decision.decision(),
          decidedBy);
    }
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
