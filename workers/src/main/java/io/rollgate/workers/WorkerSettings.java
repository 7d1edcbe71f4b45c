package io.rollgate.workers;

import io.rollgate.workers.job.RetryBackoff;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What the workers need to know beyond the job variables. Start with {@link #of(String, String)}
 * and change what differs with the {@code with…} methods; every value is checked when the record is
 * made.
 *
 * @param launchDarklyProject the LaunchDarkly project of the rollout flags
 * @param launchDarklyEnvironment the environment rollouts change; the {@link
 *     WorkerConnections#flagEvaluator()} must use this environment's SDK key
 * @param freezeFlagKey the boolean flag that freezes releases of a service (evaluated for a context
 *     of kind {@code service} keyed by the service); default {@code release-freeze}
 * @param standardChangeTemplateId sys_id of the ServiceNow standard change template standard
 *     changes are made from, or {@code null} when none is configured (a standard change then raises
 *     an incident saying so)
 * @param maxIncidentPriority incidents at this priority or more urgent block a release and fail a
 *     health check; default 2 (P1 and P2)
 * @param deployRef the branch or tag the deploy workflow is dispatched on; default {@code main}
 * @param deployTimeout the longest wait for a deploy run to finish; default 10 minutes
 * @param deployPollInterval how often a running deploy is looked at; default 10 seconds
 * @param propagationTimeout the longest wait for a flag change to reach the SDK; default 30 seconds
 * @param jobTimeout how long a worker holds a job before the engine may hand it out again; the
 *     deploy and rollout workers hold theirs longer, by their own waits; it must outlast the
 *     longest call to an outside system with its retries ({@code ResilienceSettings#longestCall()},
 *     210 s with the default settings); default 5 minutes
 * @param maxJobsActive jobs of one type a worker holds at once; default 4
 * @param retryBackoff the wait before retrying a job after a transient failure; default 10 s
 *     doubling up to 5 minutes
 * @param healthMetrics by service, the metrics a rollout wave's health check reads beside
 *     incidents; a service not named here is checked by its incidents only; default none
 * @param metricsTimeout the longest a health check waits for a metrics endpoint before the wave's
 *     health is inconclusive; default 10 seconds
 * @param flagApprovalTimeout in a LaunchDarkly environment that requires approval, the longest a
 *     flag change waits for its approval request to be approved before a person is asked (the error
 *     {@code FLAG_APPROVAL_TIMEOUT}); default 30 minutes
 * @param flagApprovalPollInterval how often a waiting approval request is read; default 15 seconds
 */
public record WorkerSettings(
    String launchDarklyProject,
    String launchDarklyEnvironment,
    String freezeFlagKey,
    String standardChangeTemplateId,
    int maxIncidentPriority,
    String deployRef,
    Duration deployTimeout,
    Duration deployPollInterval,
    Duration propagationTimeout,
    Duration jobTimeout,
    int maxJobsActive,
    RetryBackoff retryBackoff,
    Map<String, HealthMetrics> healthMetrics,
    Duration metricsTimeout,
    Duration flagApprovalTimeout,
    Duration flagApprovalPollInterval) {

  public WorkerSettings {
    requireText(launchDarklyProject, "launchDarklyProject");
    requireText(launchDarklyEnvironment, "launchDarklyEnvironment");
    requireText(freezeFlagKey, "freezeFlagKey");
    if (standardChangeTemplateId != null && standardChangeTemplateId.isBlank()) {
      throw new IllegalArgumentException("standardChangeTemplateId must be null or a sys_id");
    }
    if (maxIncidentPriority < 1 || maxIncidentPriority > 5) {
      throw new IllegalArgumentException("maxIncidentPriority must be 1..5");
    }
    requireText(deployRef, "deployRef");
    requirePositive(deployTimeout, "deployTimeout");
    requirePositive(deployPollInterval, "deployPollInterval");
    if (deployPollInterval.compareTo(deployTimeout) > 0) {
      throw new IllegalArgumentException("deployPollInterval must be at most deployTimeout");
    }
    requirePositive(propagationTimeout, "propagationTimeout");
    requirePositive(jobTimeout, "jobTimeout");
    if (maxJobsActive < 1) {
      throw new IllegalArgumentException("maxJobsActive must be at least 1");
    }
    Objects.requireNonNull(retryBackoff, "retryBackoff");
    healthMetrics = Map.copyOf(Objects.requireNonNull(healthMetrics, "healthMetrics"));
    requirePositive(metricsTimeout, "metricsTimeout");
    requirePositive(flagApprovalTimeout, "flagApprovalTimeout");
    requirePositive(flagApprovalPollInterval, "flagApprovalPollInterval");
  }

  /** The defaults above for rollouts in {@code project}/{@code environment}. */
  public static WorkerSettings of(String launchDarklyProject, String launchDarklyEnvironment) {
    return new WorkerSettings(
        launchDarklyProject,
        launchDarklyEnvironment,
        "release-freeze",
        null,
        2,
        "main",
        Duration.ofMinutes(10),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        Duration.ofMinutes(5),
        4,
        new RetryBackoff(Duration.ofSeconds(10), Duration.ofMinutes(5)),
        Map.of(),
        Duration.ofSeconds(10),
        Duration.ofMinutes(30),
        Duration.ofSeconds(15));
  }

  public WorkerSettings withFreezeFlagKey(String key) {
    return copy(c -> c.freezeFlagKey = key);
  }

  public WorkerSettings withStandardChangeTemplateId(String sysId) {
    return copy(c -> c.standardChangeTemplateId = sysId);
  }

  public WorkerSettings withMaxIncidentPriority(int priority) {
    return copy(c -> c.maxIncidentPriority = priority);
  }

  public WorkerSettings withDeploy(String ref, Duration timeout, Duration pollInterval) {
    return copy(
        c -> {
          c.deployRef = ref;
          c.deployTimeout = timeout;
          c.deployPollInterval = pollInterval;
        });
  }

  public WorkerSettings withPropagationTimeout(Duration timeout) {
    return copy(c -> c.propagationTimeout = timeout);
  }

  public WorkerSettings withJobs(Duration timeout, int maxActive, RetryBackoff backoff) {
    return copy(
        c -> {
          c.jobTimeout = timeout;
          c.maxJobsActive = maxActive;
          c.retryBackoff = backoff;
        });
  }

  /**
   * The metrics each service's rollout waves are checked against, and how long to wait for them.
   */
  public WorkerSettings withHealthMetrics(Map<String, HealthMetrics> metrics, Duration timeout) {
    return copy(
        c -> {
          c.healthMetrics = metrics;
          c.metricsTimeout = timeout;
        });
  }

  /** How long a flag change waits for its LaunchDarkly approval, and how often it looks. */
  public WorkerSettings withFlagApproval(Duration timeout, Duration pollInterval) {
    return copy(
        c -> {
          c.flagApprovalTimeout = timeout;
          c.flagApprovalPollInterval = pollInterval;
        });
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " must be set");
    }
  }

  private static void requirePositive(Duration value, String name) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be a positive duration");
    }
  }

  private WorkerSettings copy(Consumer<Fields> change) {
    Fields fields = new Fields(this);
    change.accept(fields);
    return fields.build();
  }

  /** A mutable copy, so each {@code with…} method names only what it changes. */
  private static final class Fields {
    private String launchDarklyProject;
    private String launchDarklyEnvironment;
    private String freezeFlagKey;
    private String standardChangeTemplateId;
    private int maxIncidentPriority;
    private String deployRef;
    private Duration deployTimeout;
    private Duration deployPollInterval;
    private Duration propagationTimeout;
    private Duration jobTimeout;
    private int maxJobsActive;
    private RetryBackoff retryBackoff;
    private Map<String, HealthMetrics> healthMetrics;
    private Duration metricsTimeout;
    private Duration flagApprovalTimeout;
    private Duration flagApprovalPollInterval;

    private Fields(WorkerSettings settings) {
      launchDarklyProject = settings.launchDarklyProject;
      launchDarklyEnvironment = settings.launchDarklyEnvironment;
      freezeFlagKey = settings.freezeFlagKey;
      standardChangeTemplateId = settings.standardChangeTemplateId;
      maxIncidentPriority = settings.maxIncidentPriority;
      deployRef = settings.deployRef;
      deployTimeout = settings.deployTimeout;
      deployPollInterval = settings.deployPollInterval;
      propagationTimeout = settings.propagationTimeout;
      jobTimeout = settings.jobTimeout;
      maxJobsActive = settings.maxJobsActive;
      retryBackoff = settings.retryBackoff;
      healthMetrics = settings.healthMetrics;
      metricsTimeout = settings.metricsTimeout;
      flagApprovalTimeout = settings.flagApprovalTimeout;
      flagApprovalPollInterval = settings.flagApprovalPollInterval;
    }

    private WorkerSettings build() {
      return new WorkerSettings(
          launchDarklyProject,
          launchDarklyEnvironment,
          freezeFlagKey,
          standardChangeTemplateId,
          maxIncidentPriority,
          deployRef,
          deployTimeout,
          deployPollInterval,
          propagationTimeout,
          jobTimeout,
          maxJobsActive,
          retryBackoff,
          healthMetrics,
          metricsTimeout,
          flagApprovalTimeout,
          flagApprovalPollInterval);
    }
  }
}
