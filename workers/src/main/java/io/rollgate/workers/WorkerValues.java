package io.rollgate.workers;

import io.camunda.client.annotation.VariablesAsType;
import io.camunda.client.annotation.customizer.JobWorkerValueCustomizer;
import io.camunda.client.annotation.value.JobWorkerValue;
import io.camunda.client.api.response.ActivatedJob;
import io.rollgate.processes.Lifecycle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Applies {@link WorkerSettings} to the lifecycle's job workers: a name, the job timeout and the
 * jobs held at once; and fetches the release id with each job, for the log. Runs before the
 * starter's property customizer, so {@code camunda.client.worker.override.<job-type>.*} can still
 * change one job type.
 */
final class WorkerValues implements JobWorkerValueCustomizer {

  private final WorkerSettings settings;
  private final Duration longestChangeCreation;

  /**
   * @param longestChangeCreation {@link WorkerConnections#longestChangeCreation()}: how long an
   *     abort's cancel may wait for a change on its way
   */
  WorkerValues(WorkerSettings settings, Duration longestChangeCreation) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.longestChangeCreation =
        Objects.requireNonNull(longestChangeCreation, "longestChangeCreation");
  }

  @Override
  public void customize(JobWorkerValue worker) {
    String type = worker.getType();
    if (!Lifecycle.Jobs.ALL.contains(type)) {
      return;
    }
    if (worker.getName() == null || worker.getName().isBlank()) {
      worker.setName("rollgate-" + type);
    }
    worker.setTimeout(timeout(type, settings, longestChangeCreation));
    worker.setMaxJobsActive(settings.maxJobsActive());
    // The release id is in every failure's log line, whether or not the worker reads it. Only
    // where the variables fetched are the record's: a list here would narrow a fetch-all.
    if (bindsRecord(worker)) {
      List<String> fetch = new ArrayList<>(worker.getFetchVariables());
      if (!fetch.contains(Lifecycle.Variables.RELEASE_ID)) {
        fetch.add(Lifecycle.Variables.RELEASE_ID);
      }
      worker.setFetchVariables(fetch);
    }
  }

  private static boolean bindsRecord(JobWorkerValue worker) {
    return worker.getFetchVariables() != null
        && !Boolean.TRUE.equals(worker.getForceFetchAllVariables())
        && !worker
            .getMethodInfo()
            .getParametersFilteredByAnnotation(VariablesAsType.class)
            .isEmpty()
        && worker.getMethodInfo().getParameters().stream()
            .noneMatch(p -> p.getParameter().getType() == ActivatedJob.class);
  }

  /** Long enough for the worker's own wait, so the job is not handed out twice meanwhile. */
  static Duration timeout(String jobType, WorkerSettings settings, Duration longestChangeCreation) {
    Duration own =
        switch (jobType) {
          case Lifecycle.Jobs.CI_RUN_JOB -> settings.deployTimeout();
          case Lifecycle.Jobs.SERVICENOW_CANCEL_CHANGE -> longestChangeCreation;
          case Lifecycle.Jobs.LAUNCHDARKLY_SET_ROLLOUT, Lifecycle.Jobs.LAUNCHDARKLY_ROLLBACK ->
              settings.propagationTimeout().plus(settings.flagApprovalTimeout());
          default -> Duration.ZERO;
        };
    return settings.jobTimeout().plus(own);
  }
}
