package io.rollgate.app.release;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.exception.CamundaError;
import io.rollgate.app.record.Decision;
import io.rollgate.app.record.DecisionEntry;
import io.rollgate.app.record.DecisionLog;
import io.rollgate.app.record.ReleaseRecords;
import io.rollgate.processes.Lifecycle;
import io.rollgate.processes.Lifecycle.Gates;
import io.rollgate.processes.Lifecycle.Variables;
import io.rollgate.workers.job.ReleaseMdc;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;

/**
 * Serves the release model's recording tasks: each gate's decision goes to the decision log with
 * the evidence the gate saw, and each ending to the release record. A recording task delivered
 * twice records once (the decision's idempotency key is the task's element instance), and waiting
 * pipelines are told at once.
 */
@Component
public class ReleaseRecorder {

  private static final Logger LOG = LoggerFactory.getLogger(ReleaseRecorder.class);
  static final String SYSTEM = "system";

  private final DecisionLog decisions;
  private final ReleaseRecords records;
  private final GateSignals signals;
  private final ReleaseMetrics metrics;
  private final ReleaseTimeline timeline;

  ReleaseRecorder(
      DecisionLog decisions,
      ReleaseRecords records,
      GateSignals signals,
      ReleaseMetrics metrics,
      ReleaseTimeline timeline) {
    this.decisions = decisions;
    this.records = records;
    this.signals = signals;
    this.metrics = metrics;
    this.timeline = timeline;
  }

  @JobWorker(type = Lifecycle.Jobs.ROLLGATE_RECORD_GATE, fetchAllVariables = true)
  public void recordGate(ActivatedJob job) {
    Map<String, Object> v = job.getVariablesAsMap();
    String releaseId = text(v, Variables.RELEASE_ID);
    try (ReleaseMdc mdc = ReleaseMdc.of(releaseId, changeNumber(v))) {
      retryingOnDatabaseOutage(() -> recordGate(job, v, releaseId));
    }
  }

  private void recordGate(ActivatedJob job, Map<String, Object> v, String releaseId) {
    String gate = job.getCustomHeaders().get(Gates.HEADER_GATE);
    GateEvidence evidence = GateEvidence.of(gate, job.getCustomHeaders(), v);
    DecisionEntry entry =
        decisions.append(
            new Decision(
                releaseId,
                gate,
                evidence.decision(),
                evidence.actor(),
                evidence.justification(),
                evidence.seen(),
                "element-instance:" + job.getElementInstanceKey()));
    records
        .find(releaseId)
        .ifPresent(r -> metrics.gateDecided(gate, r.createdAt(), entry.decidedAt()));
    String dedupe = "decision:" + entry.sequence() + ":";
    timeline.record(
        releaseId,
        ReleaseTimeline.GATE_DECIDED,
        ReleaseTimeline.data(
            "gate", gate,
            "verdict", entry.decision(),
            "actor", entry.actor(),
            "reasons", entry.justification(),
            "evidenceHash", entry.evidenceHash(),
            "sequence", entry.sequence()),
        dedupe + ReleaseTimeline.GATE_DECIDED);
    if (Gates.CAB.equals(gate) && v.get(Variables.CHANGE_NUMBER) instanceof String number) {
      records.changeOpened(releaseId, number);
      timeline.record(
          releaseId,
          ReleaseTimeline.CHANGE_MOVED,
          ReleaseTimeline.data("changeNumber", number, "state", entry.decision()),
          dedupe + ReleaseTimeline.CHANGE_MOVED);
    }
    if (Gates.ROLLOUT.equals(gate) && v.get(Variables.WAVE) instanceof Number wave) {
      records.waveStarted(releaseId, wave.intValue());
      timeline.record(
          releaseId,
          ReleaseTimeline.WAVE_SET,
          ReleaseTimeline.data("percent", wave.intValue(), "flagKey", v.get(Variables.FLAG_KEY)),
          dedupe + ReleaseTimeline.WAVE_SET);
    }
    if (Gates.HEALTH_CHECK.equals(gate)) {
      timeline.record(
          releaseId,
          ReleaseTimeline.HEALTH_CHECK,
          ReleaseTimeline.data(
              "wave", v.get(Variables.WAVE),
              "verdict", entry.decision(),
              "newIncidents", v.get(Variables.NEW_INCIDENTS)),
          dedupe + ReleaseTimeline.HEALTH_CHECK);
    }
    LOG.info(
        "gate decided release_id={} gate={} decision={} actor={}",
        releaseId,
        gate,
        evidence.decision(),
        evidence.actor());
    signals.publish(releaseId);
  }

  @JobWorker(type = Lifecycle.Jobs.ROLLGATE_RECORD_OUTCOME, fetchAllVariables = true)
  public void recordOutcome(ActivatedJob job) {
    Map<String, Object> v = job.getVariablesAsMap();
    String releaseId = text(v, Variables.RELEASE_ID);
    String state = job.getCustomHeaders().get(Lifecycle.EndStates.HEADER_STATE);
    try (ReleaseMdc mdc = ReleaseMdc.of(releaseId, changeNumber(v))) {
      String outcome = Outcomes.describe(state, v);
      retryingOnDatabaseOutage(
          () -> {
            records.ended(releaseId, state, outcome);
            if (Lifecycle.EndStates.ROLLED_BACK.equals(state)) {
              timeline.record(
                  releaseId,
                  ReleaseTimeline.ROLLBACK,
                  ReleaseTimeline.data("reason", outcome),
                  "ended:" + releaseId + ":" + ReleaseTimeline.ROLLBACK);
            }
            timeline.record(
                releaseId,
                ReleaseTimeline.RELEASE_ENDED,
                ReleaseTimeline.data("state", state, "outcome", outcome),
                "ended:" + releaseId);
          });
      metrics.ended(state);
      LOG.info("release ended release_id={} state={}", releaseId, state);
    }
    signals.publish(releaseId);
  }

  /**
   * A database that is briefly away fails the job for a retry with back-off; anything else about
   * the records is an incident (the error policy's default).
   */
  private static void retryingOnDatabaseOutage(Runnable recording) {
    try {
      recording.run();
    } catch (TransientDataAccessException | DataAccessResourceFailureException e) {
      throw CamundaError.jobError("the records database is unavailable: " + e.getMessage());
    }
  }

  private static String changeNumber(Map<String, Object> variables) {
    return variables.get(Variables.CHANGE_NUMBER) instanceof String number ? number : null;
  }

  private static String text(Map<String, Object> variables, String name) {
    Object value = variables.get(name);
    if (!(value instanceof String text) || text.isBlank()) {
      throw new IllegalStateException(
          "variable '" + name + "' is missing: this release was not started through Rollgate");
    }
    return text;
  }

  /** What a gate decided, who decided, why, and the variables it decided on. */
  record GateEvidence(
      String decision, String actor, String justification, Map<String, Object> seen) {

    /** The variables each gate's decision rests on. */
    private static final Map<String, List<String>> SEEN =
        Map.of(
            Gates.READINESS,
            List.of(
                Variables.COMMIT_SHA,
                Variables.CI_GREEN,
                Variables.CI_URL,
                Variables.OPEN_INCIDENTS,
                Variables.INCIDENT_NUMBERS,
                Variables.FREEZE,
                Variables.READINESS),
            Gates.CAB,
            List.of(Variables.CHANGE_NUMBER, Variables.CHANGE_SYS_ID, Variables.CAB_DECISION),
            Gates.GO_NO_GO,
            List.of(
                Variables.READINESS,
                Variables.INCIDENT_NUMBERS,
                Variables.CHANGE_NUMBER,
                Variables.GO_DECISION,
                Variables.JUSTIFICATION,
                Variables.ACCEPTED_RISKS,
                Variables.RISKS_ACCEPTED_UNTIL,
                Variables.GO_APPROVERS),
            Gates.ROLLOUT,
            List.of(Variables.FLAG_KEY, Variables.WAVE, Variables.FLAG_VERSION),
            Gates.HEALTH_CHECK,
            List.of(Variables.WAVE, Variables.HEALTHY, Variables.NEW_INCIDENTS),
            Gates.READINESS_RECHECK,
            List.of(
                Variables.COMMIT_SHA,
                Variables.CI_GREEN,
                Variables.CI_URL,
                Variables.OPEN_INCIDENTS,
                Variables.INCIDENT_NUMBERS,
                Variables.FREEZE,
                Variables.READINESS,
                Variables.READINESS_NOW),
            Gates.ABORT,
            List.of(
                Variables.ABORT_REASON,
                Variables.ABORTED_BY,
                Variables.CHANGE_NUMBER,
                Variables.STEPS_RUN,
                Variables.CUTOVER_STEPS_BEGUN,
                Variables.FLAG_VERSION),
            Gates.FOLLOW_UP,
            List.of(Variables.CHANGE_NUMBER, Variables.FLAG_KEY, Variables.STEPS_RUN));

    static GateEvidence of(String gate, Map<String, String> headers, Map<String, Object> v) {
      List<String> names = SEEN.get(gate);
      if (names == null) {
        throw new IllegalStateException("the model records an unknown gate '" + gate + "'");
      }
      Map<String, Object> seen = new LinkedHashMap<>();
      names.forEach(name -> seen.put(name, v.get(name)));
      String fixed = headers.get(Gates.HEADER_DECISION);
      return switch (gate) {
        case Gates.READINESS -> {
          Map<?, ?> readiness = v.get(Variables.READINESS) instanceof Map<?, ?> m ? m : Map.of();
          yield new GateEvidence(
              String.valueOf(readiness.get("verdict")),
              SYSTEM,
              String.valueOf(readiness.get("reason")),
              seen);
        }
        case Gates.CAB -> {
          String decision = fixed != null ? fixed : String.valueOf(v.get(Variables.CAB_DECISION));
          yield new GateEvidence(
              decision,
              SYSTEM,
              "the CAB's decision on change " + v.get(Variables.CHANGE_NUMBER) + " in ServiceNow",
              seen);
        }
        case Gates.GO_NO_GO ->
            new GateEvidence(
                String.valueOf(v.get(Variables.GO_DECISION)),
                String.valueOf(v.getOrDefault(Variables.DECIDED_BY, "unknown")),
                String.valueOf(v.get(Variables.JUSTIFICATION)),
                seen);
        case Gates.ROLLOUT ->
            new GateEvidence(
                "SERVED",
                SYSTEM,
                "flag "
                    + v.get(Variables.FLAG_KEY)
                    + " serves the new version to "
                    + v.get(Variables.WAVE)
                    + "% (flag version "
                    + v.get(Variables.FLAG_VERSION)
                    + ")",
                seen);
        case Gates.HEALTH_CHECK ->
            Boolean.TRUE.equals(v.get(Variables.HEALTHY))
                ? new GateEvidence(
                    "HEALTHY",
                    SYSTEM,
                    "no incident opened on the service since readiness, at "
                        + v.get(Variables.WAVE)
                        + "%",
                    seen)
                : new GateEvidence(
                    "UNHEALTHY",
                    SYSTEM,
                    "new incidents "
                        + v.get(Variables.NEW_INCIDENTS)
                        + " on the service at "
                        + v.get(Variables.WAVE)
                        + "%: rolling back",
                    seen);
        case Gates.READINESS_RECHECK -> {
          Map<?, ?> now = v.get(Variables.READINESS_NOW) instanceof Map<?, ?> m ? m : Map.of();
          Map<?, ?> before = v.get(Variables.READINESS) instanceof Map<?, ?> m ? m : Map.of();
          yield new GateEvidence(
              String.valueOf(now.get("verdict")),
              SYSTEM,
              now.get("reason")
                  + " (assessed again before cutover; it was "
                  + before.get("verdict")
                  + ")",
              seen);
        }
        case Gates.ABORT ->
            new GateEvidence(
                Lifecycle.EndStates.ABORTED,
                String.valueOf(v.getOrDefault(Variables.ABORTED_BY, "unknown")),
                String.valueOf(v.get(Variables.ABORT_REASON)),
                seen);
        case Gates.FOLLOW_UP ->
            new GateEvidence(
                fixed != null ? fixed : "OPENED",
                SYSTEM,
                "the release was rolled back: a post-implementation review is open for release"
                    + " managers, and noted on change "
                    + v.get(Variables.CHANGE_NUMBER),
                seen);
        default -> throw new IllegalStateException("no evidence rule for gate " + gate);
      };
    }
  }
}
