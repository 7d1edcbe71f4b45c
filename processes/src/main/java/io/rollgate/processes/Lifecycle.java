package io.rollgate.processes;

import java.util.List;

/**
 * The names the release lifecycle models, the workers and the tests share: process ids, job types,
 * message names, error codes and the variables that cross between them. A test checks them against
 * the BPMN files, so a renamed element cannot silently disconnect a worker.
 */
public final class Lifecycle {

  private Lifecycle() {}

  /** Classpath locations of the models, to deploy together. */
  public static final List<String> RESOURCES =
      List.of(
          "bpmn/release.bpmn",
          "bpmn/change-approval.bpmn",
          "bpmn/cutover.bpmn",
          "bpmn/cutover-rollback.bpmn",
          "dmn/readiness.dmn",
          "forms/go-no-go.form",
          "forms/window-ended.form",
          "forms/cutover-step.form",
          "forms/readiness-changed.form",
          "forms/rollout-decision.form",
          "forms/rollback-follow-up.form");

  /** Form ids, as linked from user tasks with {@code zeebe:formDefinition formId}. */
  public static final class Forms {
    /** The release manager's go/no-go: the verdict, its reasons and links, decision, why. */
    public static final String GO_NO_GO = "go-no-go";

    /** Cutover had not begun when the change window ended: continue or stop. */
    public static final String WINDOW_ENDED = "window-ended";

    /** A checklist step of cutover, or its rollback: what to do, then DONE or FAILED with notes. */
    public static final String CUTOVER_STEP = "cutover-step";

    /** Readiness, assessed again before cutover, changed its verdict: continue or abort. */
    public static final String READINESS_CHANGED = "readiness-changed";

    /** A wave's health check was inconclusive: continue, hold or roll back, with the evidence. */
    public static final String ROLLOUT_DECISION = "rollout-decision";

    /** The post-implementation review of a rolled-back release: what was found, what follows. */
    public static final String ROLLBACK_FOLLOW_UP = "rollback-follow-up";

    public static final List<String> ALL =
        List.of(
            GO_NO_GO,
            WINDOW_ENDED,
            CUTOVER_STEP,
            READINESS_CHANGED,
            ROLLOUT_DECISION,
            ROLLBACK_FOLLOW_UP);

    private Forms() {}
  }

  /** Process ids. */
  public static final class Processes {
    public static final String RELEASE = "release";
    public static final String CHANGE_APPROVAL = "change-approval";

    /** The release plan's steps in order, each rolled back (last first) when one fails. */
    public static final String CUTOVER = "cutover";

    /** Undoes the cutover steps that ran, last first: after a failed step or a regression. */
    public static final String CUTOVER_ROLLBACK = "cutover-rollback";

    /** The processes other processes call. */
    public static final List<String> CALLED = List.of(CHANGE_APPROVAL, CUTOVER, CUTOVER_ROLLBACK);

    private Processes() {}
  }

  /** Decision ids. */
  public static final class Decisions {
    public static final String READINESS = "readiness";

    private Decisions() {}
  }

  /** Job types: kebab-case, prefixed by the system they act on. */
  public static final class Jobs {
    public static final String CI_PIPELINE_STATUS = "ci-pipeline-status";

    /**
     * Runs a CI job of cutover ({@code ciJob}: a step or its rollback) once per {@code ciJobKey}
     * and waits for it to end.
     */
    public static final String CI_RUN_JOB = "ci-run-job";

    public static final String SERVICENOW_OPEN_INCIDENTS = "servicenow-open-incidents";
    public static final String SERVICENOW_CREATE_CHANGE = "servicenow-create-change";
    public static final String SERVICENOW_CHECK_CONFLICTS = "servicenow-check-conflicts";
    public static final String SERVICENOW_REQUEST_APPROVAL = "servicenow-request-approval";
    public static final String SERVICENOW_CHECK_APPROVAL = "servicenow-check-approval";
    public static final String SERVICENOW_ESCALATE_APPROVAL = "servicenow-escalate-approval";
    public static final String SERVICENOW_START_IMPLEMENTATION = "servicenow-start-implementation";
    public static final String SERVICENOW_CLOSE_CHANGE = "servicenow-close-change";
    public static final String SERVICENOW_CANCEL_CHANGE = "servicenow-cancel-change";

    /**
     * Writes {@code workNote} on the release's change, where the CAB and the change manager see it.
     */
    public static final String SERVICENOW_ADD_WORK_NOTE = "servicenow-add-work-note";

    public static final String LAUNCHDARKLY_FREEZE_FLAG = "launchdarkly-freeze-flag";
    public static final String LAUNCHDARKLY_SET_ROLLOUT = "launchdarkly-set-rollout";
    public static final String LAUNCHDARKLY_ROLLBACK = "launchdarkly-rollback";
    public static final String HEALTH_CHECK = "health-check";

    /** Every job type the models use. */
    public static final List<String> ALL =
        List.of(
            CI_PIPELINE_STATUS,
            CI_RUN_JOB,
            SERVICENOW_OPEN_INCIDENTS,
            SERVICENOW_CREATE_CHANGE,
            SERVICENOW_CHECK_CONFLICTS,
            SERVICENOW_REQUEST_APPROVAL,
            SERVICENOW_CHECK_APPROVAL,
            SERVICENOW_ESCALATE_APPROVAL,
            SERVICENOW_START_IMPLEMENTATION,
            SERVICENOW_CLOSE_CHANGE,
            SERVICENOW_CANCEL_CHANGE,
            SERVICENOW_ADD_WORK_NOTE,
            LAUNCHDARKLY_FREEZE_FLAG,
            LAUNCHDARKLY_SET_ROLLOUT,
            LAUNCHDARKLY_ROLLBACK,
            HEALTH_CHECK);

    /**
     * Job types the Rollgate service itself serves: they write each gate's decision and the
     * release's outcome to the release record and the decision log. The task headers say which gate
     * ({@code gate}, optionally a fixed {@code decision}) or which end state ({@code state}).
     */
    public static final String ROLLGATE_RECORD_GATE = "rollgate-record-gate";

    public static final String ROLLGATE_RECORD_OUTCOME = "rollgate-record-outcome";

    /** The job types of the service's own records, beside the workers' {@link #ALL}. */
    public static final List<String> RECORDING =
        List.of(ROLLGATE_RECORD_GATE, ROLLGATE_RECORD_OUTCOME);

    /**
     * The {@code completing} task listener of the go/no-go task: it denies a completion without an
     * explicit, valid decision, a GO over risk without justification and accepted risks, and a
     * decision by the release's requester, so the gate holds in Camunda Tasklist as in the API.
     */
    public static final String ROLLGATE_GO_NO_GO_CHECK = "rollgate-go-no-go-check";

    /**
     * The {@code completing} task listener of the other tasks where a person decides how a release
     * goes on ({@link UserTasks#HOLD_FOR_WINDOW}, {@link UserTasks#CONFIRM_READINESS}, {@link
     * UserTasks#DECIDE_ROLLOUT}, {@link UserTasks#DECIDE_FLAG_CHANGE}): it denies a completion
     * without a decision from the task's closed set, without a justification, or by the release's
     * requester.
     */
    public static final String ROLLGATE_DECISION_CHECK = "rollgate-decision-check";

    /** The job types of task listeners, beside {@link #ALL} and {@link #RECORDING}. */
    public static final List<String> LISTENERS =
        List.of(ROLLGATE_GO_NO_GO_CHECK, ROLLGATE_DECISION_CHECK);

    private Jobs() {}
  }

  /** The gates a release passes, as recorded in the decision log and asked for by pipelines. */
  public static final class Gates {
    /** The readiness verdict of the DMN: GO, GO_WITH_RISK or NO_GO. */
    public static final String READINESS = "readiness";

    /** The CAB's decision in ServiceNow: APPROVED or REJECTED. */
    public static final String CAB = "cab";

    /** The release manager's GO or NO_GO, when the verdict needs a human. */
    public static final String GO_NO_GO = "go-no-go";

    /** A rollout wave served: its percentage. */
    public static final String ROLLOUT = "rollout";

    /** A wave's health check: HEALTHY (a regression takes the rollback path instead). */
    public static final String HEALTH_CHECK = "health-check";

    public static final List<String> ALL = List.of(READINESS, CAB, GO_NO_GO, ROLLOUT, HEALTH_CHECK);

    /**
     * Not a gate a release passes but a decision the decision log records the same way: the release
     * stopped by a person ({@link Messages#RELEASE_ABORT}), ABORTED, by {@link
     * Variables#ABORTED_BY}, for {@link Variables#ABORT_REASON}.
     */
    public static final String ABORT = "abort";

    /**
     * Not a gate either: the follow-up a rolled-back release gets (OPENED, a post-implementation
     * review for release managers, {@link UserTasks#FOLLOW_UP_ROLLBACK}), noted on the change too.
     */
    public static final String FOLLOW_UP = "follow-up";

    /**
     * Readiness assessed again before cutover ({@link Variables#READINESS_NOW}), beside the verdict
     * the release went through go/no-go with; recorded apart, so the readiness gate's pass rate
     * counts each release once.
     */
    public static final String READINESS_RECHECK = "readiness-recheck";

    /**
     * Every decision a {@link Jobs#ROLLGATE_RECORD_GATE} task records: the gates, the readiness
     * re-check, the abort and the follow-up.
     */
    public static final List<String> RECORDED =
        List.of(
            READINESS, CAB, GO_NO_GO, ROLLOUT, HEALTH_CHECK, READINESS_RECHECK, ABORT, FOLLOW_UP);

    /** Task header naming the gate a {@link Jobs#ROLLGATE_RECORD_GATE} task records. */
    public static final String HEADER_GATE = "gate";

    /** Task header fixing the decision where no variable carries it (a rejection by error). */
    public static final String HEADER_DECISION = "decision";

    private Gates() {}
  }

  /** How a release ends, as the {@code state} header of its last recording task says. */
  public static final class EndStates {
    public static final String RELEASED = "RELEASED";
    public static final String ROLLED_BACK = "ROLLED_BACK";
    public static final String NOT_READY = "NOT_READY";
    public static final String REJECTED = "REJECTED";
    public static final String STOPPED = "STOPPED";

    /** The CAB did not decide by the deadline: the change is canceled, nothing cut over. */
    public static final String NO_CAB_DECISION = "NO_CAB_DECISION";

    /**
     * Stopped by a person through {@link Messages#RELEASE_ABORT}: what ran is undone, the change
     * canceled.
     */
    public static final String ABORTED = "ABORTED";

    public static final List<String> ALL =
        List.of(RELEASED, ROLLED_BACK, NOT_READY, REJECTED, STOPPED, NO_CAB_DECISION, ABORTED);

    /** Task header naming the end state a {@link Jobs#ROLLGATE_RECORD_OUTCOME} task records. */
    public static final String HEADER_STATE = "state";

    private EndStates() {}
  }

  /** Message names. */
  public static final class Messages {
    /** The CAB's decision, from the ServiceNow webhook; correlated by {@code changeNumber}. */
    public static final String CAB_DECISION = "cab-decision";

    /**
     * A person stops the release, with {@link Variables#ABORT_REASON} and {@link
     * Variables#ABORTED_BY}; correlated by {@link Variables#RELEASE_ID}. Whatever the release is
     * doing is interrupted: the flag goes back to 0% once the rollout may have begun, the cutover
     * steps that began are rolled back, the change is canceled, the abort is recorded.
     */
    public static final String RELEASE_ABORT = "release-abort";

    /**
     * A pipeline that deploys itself reports a cutover step of kind {@code pipeline} ({@code POST
     * /api/v1/releases/{id}/deployments}): {@link Variables#DEPLOY_RESULT} and {@link
     * Variables#DEPLOY_URL}; correlated by {@code <release id>/<step name>}. The model alone
     * decides what the report means: {@code success} goes on, anything else fails the step.
     */
    public static final String DEPLOYMENT_REPORTED = "deployment-reported";

    public static final List<String> ALL =
        List.of(CAB_DECISION, RELEASE_ABORT, DEPLOYMENT_REPORTED);

    private Messages() {}
  }

  /** Escalation codes a called process raises for its caller to take note of, going on itself. */
  public static final class Escalations {
    /**
     * Cutover began a step: the release counts them ({@link Variables#CUTOVER_STEPS_BEGUN}), so an
     * abort during cutover knows which steps to roll back.
     */
    public static final String CUTOVER_STEP_BEGUN = "CUTOVER_STEP_BEGUN";

    public static final List<String> ALL = List.of(CUTOVER_STEP_BEGUN);

    private Escalations() {}
  }

  /** BPMN error codes workers throw for business outcomes the models handle. */
  public static final class Errors {
    public static final String CAB_REJECTED = "CAB_REJECTED";

    /** The CAB approval's deadline passed without a decision. */
    public static final String CAB_NO_DECISION = "CAB_NO_DECISION";

    /** A cutover step failed: its CI job did not succeed, or the person doing it said FAILED. */
    public static final String CUTOVER_STEP_FAILED = "CUTOVER_STEP_FAILED";

    /** Cutover failed and the steps that ran were rolled back: the release is rolled back. */
    public static final String CUTOVER_FAILED = "CUTOVER_FAILED";

    /**
     * A wave's health check found the release unhealthy ({@link Variables#HEALTH_VERDICT} {@code
     * UNHEALTHY}, new incidents in {@link Variables#NEW_INCIDENTS}): the flag goes back to 0% and
     * the cutover steps are rolled back.
     */
    public static final String REGRESSION = "REGRESSION";

    /**
     * A wave's health check could not decide (no data, a metrics endpoint that failed or timed
     * out), with {@link Variables#HEALTH_VERDICT} {@code INCONCLUSIVE} and the evidence in {@link
     * Variables#HEALTH_EVIDENCE}: a person decides ({@link UserTasks#DECIDE_ROLLOUT}), the rollout
     * never goes on by itself.
     */
    public static final String HEALTH_INCONCLUSIVE = "HEALTH_INCONCLUSIVE";

    /**
     * A flag change in a LaunchDarkly environment that requires approval was not approved within
     * the wait ({@link Variables#FLAG_APPROVAL_REQUEST} names the request, still open): for a wave
     * a person asks again or rolls back ({@link UserTasks#DECIDE_FLAG_CHANGE}); for a rollback to
     * 0% a person turns the flag back by hand ({@link UserTasks#TURN_FLAG_OFF}, {@link
     * UserTasks#TURN_ABORTED_FLAG_OFF}).
     */
    public static final String FLAG_APPROVAL_TIMEOUT = "FLAG_APPROVAL_TIMEOUT";

    /**
     * The LaunchDarkly approval request of a flag change was declined; the flag is as it was. A
     * wave declined rolls the release back; a rollback declined goes to a person as {@link
     * #FLAG_APPROVAL_TIMEOUT} does.
     */
    public static final String FLAG_APPROVAL_DECLINED = "FLAG_APPROVAL_DECLINED";

    /** The error codes the models catch. */
    public static final List<String> ALL =
        List.of(
            CAB_REJECTED,
            CAB_NO_DECISION,
            CUTOVER_STEP_FAILED,
            CUTOVER_FAILED,
            REGRESSION,
            HEALTH_INCONCLUSIVE,
            FLAG_APPROVAL_TIMEOUT,
            FLAG_APPROVAL_DECLINED);

    private Errors() {}
  }

  /** The release manager's decisions at go/no-go: a closed set, anything else is refused. */
  public static final class GoDecisions {
    public static final String GO = "GO";
    public static final String NO_GO = "NO_GO";

    public static final List<String> ALL = List.of(GO, NO_GO);

    private GoDecisions() {}
  }

  /** User tasks and the decision they record. */
  public static final class UserTasks {
    public static final String GO_NO_GO = "goNoGo";

    /** The change window ended before cutover began: a person continues or stops. */
    public static final String HOLD_FOR_WINDOW = "holdForWindow";

    /** A checklist step of cutover, done by a person. */
    public static final String MANUAL_STEP = "manualStep";

    /** The rollback of a checklist step, done by a person. */
    public static final String MANUAL_ROLLBACK = "manualRollback";

    /** Readiness changed its verdict before cutover: a person continues or aborts. */
    public static final String CONFIRM_READINESS = "confirmReadiness";

    /** A wave's health check was inconclusive: a person continues, holds or rolls back. */
    public static final String DECIDE_ROLLOUT = "decideRollout";

    /**
     * A wave's flag change was not approved in LaunchDarkly in time: a person asks again (at once
     * or after a hold) or rolls back. Form {@link Forms#ROLLOUT_DECISION}.
     */
    public static final String DECIDE_FLAG_CHANGE = "decideFlagChange";

    /**
     * The rollback of the flag to 0% was declined or not approved in time: a person serves 0% in
     * LaunchDarkly by hand and reports DONE ({@link Variables#FLAG_OFF_OUTCOME}); anything else is
     * asked again. Form {@link Forms#CUTOVER_STEP}. On the rollback path after a regression.
     */
    public static final String TURN_FLAG_OFF = "turnFlagOff";

    /** {@link #TURN_FLAG_OFF} on the abort path. */
    public static final String TURN_ABORTED_FLAG_OFF = "turnAbortedFlagOff";

    /**
     * After a rollback across layers, once the release is recorded rolled back: a release manager
     * reviews what failed and records what follows ({@link Variables#FOLLOW_UP_NOTES}), written on
     * the change as a work note.
     */
    public static final String FOLLOW_UP_ROLLBACK = "followUpRollback";

    public static final List<String> ALL =
        List.of(
            GO_NO_GO,
            HOLD_FOR_WINDOW,
            MANUAL_STEP,
            MANUAL_ROLLBACK,
            CONFIRM_READINESS,
            DECIDE_ROLLOUT,
            DECIDE_FLAG_CHANGE,
            TURN_FLAG_OFF,
            TURN_ABORTED_FLAG_OFF,
            FOLLOW_UP_ROLLBACK);

    public static final String RELEASE_MANAGERS = "release-managers";

    private UserTasks() {}
  }

  /**
   * Process variables. Set when a release starts: {@link #RELEASE_ID}, {@link #SERVICE}, {@link
   * #VERSION}, {@link #COMMIT_SHA}, {@link #REPOSITORY}, {@link #DEPLOY_WORKFLOW}, {@link
   * #FLAG_KEY}, {@link #CHANGE_TYPE}, {@link #WINDOW_START}, {@link #WAVES}, {@link #BAKE_TIME},
   * {@link #APPROVAL_POLL_INTERVAL}. Written by workers as the release goes: the others.
   */
  public static final class Variables {
    public static final String RELEASE_ID = "releaseId";
    public static final String SERVICE = "service";
    public static final String VERSION = "version";
    public static final String COMMIT_SHA = "commitSha";

    /** {@code owner/name} of the repository whose CI builds and deploys the service. */
    public static final String REPOSITORY = "repository";

    /** The workflow file that deploys, for example {@code deploy.yml}. */
    public static final String DEPLOY_WORKFLOW = "deployWorkflow";

    /**
     * The workflow file whose run on {@link #COMMIT_SHA} readiness counts, for example {@code
     * build.yml}; when absent, every workflow's latest run on the commit must have passed.
     */
    public static final String CI_WORKFLOW = "ciWorkflow";

    /**
     * Where the release's pipelines run, readiness asks for the commit's CI run, and a cutover CI
     * job that names no CI system runs: {@code github} (also when absent), {@code gitlab} or {@code
     * jenkins}.
     */
    public static final String CI_PROVIDER = "ciProvider";

    public static final String FLAG_KEY = "flagKey";

    /** {@code standard}, {@code normal} or {@code emergency}. */
    public static final String CHANGE_TYPE = "changeType";

    /** ISO-8601 date-time: nothing is cut over before it. */
    public static final String WINDOW_START = "windowStart";

    /**
     * ISO-8601 date-time, optional: when cutover has not begun by then, the release holds for a
     * person ({@link UserTasks#HOLD_FOR_WINDOW}).
     */
    public static final String WINDOW_END = "windowEnd";

    /** {@code CONTINUE} or {@code STOP}, when the window ended before cutover began. */
    public static final String WINDOW_DECISION = "windowDecision";

    /** Rollout percentages in order, for example {@code [1, 10, 50, 100]}. */
    public static final String WAVES = "waves";

    /** ISO-8601 duration each wave bakes before its health check. */
    public static final String BAKE_TIME = "bakeTime";

    /** ISO-8601 duration between two reads of the CAB approval when no webhook arrives. */
    public static final String APPROVAL_POLL_INTERVAL = "approvalPollInterval";

    /** ISO-8601 duration after which a pending CAB decision is escalated; 8 hours if not set. */
    public static final String APPROVAL_ESCALATE_AFTER = "approvalEscalateAfter";

    /**
     * ISO-8601 duration after which a CAB decision that has not come ends the release as not
     * approved; 2 days if not set.
     */
    public static final String APPROVAL_DEADLINE = "approvalDeadline";

    public static final String CI_GREEN = "ciGreen";

    /**
     * {@code SUCCEEDED}, {@code RUNNING}, {@code PENDING}, {@code FAILED} or {@code CANCELLED}: a
     * run still going is re-checked every {@link #CI_RECHECK_INTERVAL}, at most {@link
     * #CI_MAX_WAITS} times, before readiness is decided.
     */
    public static final String CI_STATE = "ciState";

    /** ISO-8601 duration between two reads of a running CI; 1 minute if not set. */
    public static final String CI_RECHECK_INTERVAL = "ciRecheckInterval";

    /** How many times a running CI is waited for; 30 if not set. */
    public static final String CI_MAX_WAITS = "ciMaxWaits";

    /** How many times the release waited for CI so far. */
    public static final String CI_WAITS = "ciWaits";

    /** Open P1 incidents of the service: readiness says NO_GO. */
    public static final String OPEN_P1 = "openP1";

    /** Open P2 incidents of the service: readiness says GO_WITH_RISK. */
    public static final String OPEN_P2 = "openP2";

    /** Links readiness requires, set when the release starts. */
    public static final String RUNBOOK_URL = "runbookUrl";

    public static final String ROLLBACK_PLAN_URL = "rollbackPlanUrl";
    public static final String TEST_REPORT_URL = "testReportUrl";

    /** Passed tests over all tests of the release's test report, 0 to 1. */
    public static final String TEST_PASS_RATIO = "testPassRatio";

    /** The service's threshold for {@link #TEST_PASS_RATIO}; 1 (every test) if not set. */
    public static final String MIN_TEST_PASS_RATIO = "minTestPassRatio";

    public static final String CI_URL = "ciUrl";
    public static final String OPEN_INCIDENTS = "openIncidents";
    public static final String INCIDENT_NUMBERS = "incidentNumbers";
    public static final String FREEZE = "freeze";

    /** Incidents opened on the service after readiness was assessed: a regression. */
    public static final String NEW_INCIDENTS = "newIncidents";

    /**
     * The readiness decision: {@code {verdict: GO|GO_WITH_RISK|NO_GO, reasons: [..], reason}}, the
     * reason being the reasons joined (or "every gate passed").
     */
    public static final String READINESS = "readiness";

    /** When readiness was last assessed (ISO-8601). */
    public static final String READINESS_ASSESSED_AT = "readinessAssessedAt";

    /**
     * ISO-8601 duration: when readiness is older than this as cutover would begin, it is assessed
     * again; 4 hours if not set.
     */
    public static final String READINESS_MAX_AGE = "readinessMaxAge";

    /** Readiness assessed again before cutover, in the shape of {@link #READINESS}. */
    public static final String READINESS_NOW = "readinessNow";

    /** {@code CONTINUE} or {@code ABORT}, when readiness changed its verdict before cutover. */
    public static final String READINESS_DECISION_AFTER_CHANGE = "readinessDecisionAfterChange";

    /**
     * {@code CONTINUE}, {@code HOLD} or {@code ROLL_BACK}, when a wave's health check was
     * inconclusive; anything else rolls back.
     */
    public static final String ROLLOUT_DECISION = "rolloutDecision";

    /** ISO-8601 duration a held wave waits before its health check runs again; 15 minutes unset. */
    public static final String ROLLOUT_HOLD_TIME = "rolloutHoldTime";

    public static final String CHANGE_SYS_ID = "changeSysId";

    /**
     * Set by the model on the abort's cancel task: true when readiness let the release go on to
     * open its change. Without {@link #CHANGE_SYS_ID} the change's creation may then still be on
     * its way to ServiceNow, and the cancel waits for it rather than leave it New.
     */
    public static final String CHANGE_REQUESTED = "changeRequested";

    /** How many scheduling conflicts ServiceNow's conflict check found for the change. */
    public static final String CONFLICTS = "conflicts";

    /** The numbers of the changes in conflict with the release's change. */
    public static final String CONFLICTING_CHANGES = "conflictingChanges";

    public static final String CHANGE_NUMBER = "changeNumber";

    /** {@code APPROVED}, {@code REJECTED} or {@code PENDING}. */
    public static final String CAB_DECISION = "cabDecision";

    /** The CAB's comments on its decision, as ServiceNow's approval record carries them. */
    public static final String CAB_REASON = "cabReason";

    /** When the CAB approval's deadline passes, as the change was opened (ISO-8601). */
    public static final String CAB_DEADLINE = "cabDeadline";

    /** Why a change is canceled: set by the model on each cancel task, written on the change. */
    public static final String CANCEL_REASON = "cancelReason";

    /** The close notes the model sets on a close task; a default naming the release if absent. */
    public static final String CLOSE_NOTES = "closeNotes";

    /** The release manager's {@code GO} or {@code NO_GO}, with a justification. */
    public static final String GO_DECISION = "goDecision";

    public static final String JUSTIFICATION = "justification";

    /** Who took the go/no-go decision: the signed-in user who completed the task. */
    public static final String DECIDED_BY = "decidedBy";

    /** Who asked for the release; never its approver (separation of duties). Set at start. */
    public static final String REQUESTED_BY = "requestedBy";

    /**
     * The risks the release manager accepts with a GO over a {@code GO_WITH_RISK} verdict: a list
     * of the readiness reasons, by name.
     */
    public static final String ACCEPTED_RISKS = "acceptedRisks";

    /**
     * Until when the {@link #ACCEPTED_RISKS} are accepted: an ISO-8601 date (through that day, UTC)
     * or date-time. A GO over risk without one, or with one passed, is denied.
     */
    public static final String RISKS_ACCEPTED_UNTIL = "risksAcceptedUntil";

    /** The text a {@link Jobs#SERVICENOW_ADD_WORK_NOTE} task writes on the change. */
    public static final String WORK_NOTE = "workNote";

    /** Who approved GO so far, in order; written by the go/no-go check. */
    public static final String GO_APPROVERS = "goApprovers";

    /**
     * How many more approvers a GO needs (an emergency change needs a quorum); written by the
     * go/no-go check. The release goes on only at {@code 0}.
     */
    public static final String GO_APPROVALS_MISSING = "goApprovalsMissing";

    public static final String DEPLOY_URL = "deployUrl";

    /**
     * What a pipeline that deploys itself reported for a step ({@link
     * Messages#DEPLOYMENT_REPORTED}): {@code success} or {@code failure}.
     */
    public static final String DEPLOY_RESULT = "deployResult";

    /**
     * ISO-8601 duration a {@code pipeline} cutover step waits for its report before it fails; 1
     * hour if not set.
     */
    public static final String DEPLOY_REPORT_TIMEOUT = "deployReportTimeout";

    /**
     * The release plan's cutover steps, in order: each {@code {name, kind, ci, repository,
     * pipeline, instructions, rollback}}, {@code kind} {@code ci} (a CI job: {@code pipeline} on
     * {@code ci} {@code github}, {@code gitlab} or {@code jenkins}, the release's {@link
     * #CI_PROVIDER} when absent, in {@code repository} or the release's) or anything else for a
     * checklist step a person does ({@code instructions}); {@code rollback} the same shape, or
     * absent when the step has nothing to undo; {@code kind} {@code pipeline} is a step the
     * release's pipeline runs itself and reports ({@link Messages#DEPLOYMENT_REPORTED}). Without
     * it, one CI step runs {@link #DEPLOY_WORKFLOW} on the release's CI system.
     */
    public static final String CUTOVER_STEPS = "cutoverSteps";

    /** Inside cutover and its rollback: the step at hand. */
    public static final String STEP = "step";

    /** The cutover steps begun so far, in order: what a rollback undoes, last first. */
    public static final String STEPS_RUN = "stepsRun";

    /**
     * How many steps of the plan cutover has begun, counted by the release as cutover goes: the
     * first this many steps are what an abort during cutover rolls back.
     */
    public static final String CUTOVER_STEPS_BEGUN = "cutoverStepsBegun";

    /** Why a person stopped the release ({@link Messages#RELEASE_ABORT}). */
    public static final String ABORT_REASON = "abortReason";

    /** Who stopped the release ({@link Messages#RELEASE_ABORT}). */
    public static final String ABORTED_BY = "abortedBy";

    /** The CI job a {@link Jobs#CI_RUN_JOB} task runs: a step, or a step's rollback. */
    public static final String CI_JOB = "ciJob";

    /**
     * Names one run of {@link #CI_JOB} for good: release id, step name (and {@code /rollback}). A
     * job delivered again finds the run this key started instead of starting a second one.
     */
    public static final String CI_JOB_KEY = "ciJobKey";

    /** A checklist step's outcome: {@code DONE} or {@code FAILED}, with {@link #STEP_NOTES}. */
    public static final String STEP_OUTCOME = "stepOutcome";

    public static final String STEP_NOTES = "stepNotes";

    /** Inside a rollout wave: its percentage. */
    public static final String WAVE = "wave";

    public static final String FLAG_VERSION = "flagVersion";
    public static final String HEALTHY = "healthy";

    /**
     * A wave's health check: {@code HEALTHY}, {@code UNHEALTHY} (with the error {@link
     * Errors#REGRESSION}) or {@code INCONCLUSIVE} (with the error {@link
     * Errors#HEALTH_INCONCLUSIVE}).
     */
    public static final String HEALTH_VERDICT = "healthVerdict";

    /**
     * The LaunchDarkly approval request a flag change waited for, with the flag approval errors.
     */
    public static final String FLAG_APPROVAL_REQUEST = "flagApprovalRequest";

    /** What the follow-up of a rolled-back release found, and what follows. */
    public static final String FOLLOW_UP_NOTES = "followUpNotes";

    /** {@code DONE} once a person turned the flag back to 0% by hand; anything else asks again. */
    public static final String FLAG_OFF_OUTCOME = "flagOffOutcome";

    /** What the health check saw, one finding per check, for the person who decides. */
    public static final String HEALTH_EVIDENCE = "healthEvidence";

    /** {@code successful} or {@code unsuccessful}, set by the model on the close task. */
    public static final String CLOSE_CODE = "closeCode";

    private Variables() {}
  }
}
