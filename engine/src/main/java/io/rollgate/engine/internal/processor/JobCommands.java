package io.rollgate.engine.internal.processor;

import io.rollgate.engine.internal.api.JobViews;
import io.rollgate.engine.internal.state.EngineState;
import io.rollgate.engine.internal.state.Job;
import io.rollgate.engine.internal.state.JobState;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What workers do with jobs: activate, complete, fail, throw an error, update; and release. */
final class JobCommands {
  private final EngineState state;
  private final Runtime runtime;
  private final Outcomes outcomes;
  private boolean activationChangedState;

  JobCommands(EngineState state, Runtime runtime, Outcomes outcomes) {
    this.state = state;
    this.runtime = runtime;
    this.outcomes = outcomes;
  }

  /**
   * Whether the last job activation changed state: it handed out jobs, or found held or backing-off
   * jobs whose time had come. Only then does it need to be journaled.
   */
  boolean activationChangedState() {
    return activationChangedState;
  }

  /** Makes jobs activatable again whose activation never reached its worker. */
  Object releaseJobs(Command.ReleaseJobs command) {
    for (Command.HeldJob held : command.jobs()) {
      Job job = state.jobs.get(held.jobKey());
      if (job == null
          || job.state.isEnded()
          || job.incidentKey != null
          || job.state == JobState.ERROR_THROWN
          || !job.activated
          || job.deadline == null
          || job.deadline != held.deadline()) {
        continue;
      }
      job.activated = false;
      job.deadline = null;
      job.state = JobState.TIMED_OUT;
      state.jobQueue.makeReady(job);
      outcomes.jobsAvailable(job.type);
    }
    return null;
  }

  JobViews.JobActivationResult activate(Command.ActivateJobs command) {
    long now = runtime.now();
    activationChangedState = state.jobQueue.promoteDue(now, state.jobs);
    List<Job> chosen = new ArrayList<>();
    Iterator<Long> ready = state.jobQueue.ready(command.type());
    while (ready.hasNext() && chosen.size() < command.maxJobs()) {
      Job job = state.jobs.get(ready.next());
      if (command.tenantIds().isEmpty() || command.tenantIds().contains(job.tenantId)) {
        chosen.add(job);
      }
    }
    List<JobViews.ActivatedJobView> views = new ArrayList<>();
    activationChangedState |= !chosen.isEmpty();
    for (Job job : chosen) {
      state.jobQueue.remove(job);
      job.activated = true;
      job.worker = command.worker();
      job.deadline = CommandHandler.deadline(now, command.timeout());
      state.jobQueue.wakeAt(job, job.deadline);
      views.add(
          job.kind == TaskListeners.KIND
              ? JobViews.activated(
                  job,
                  select(runtime.taskListeners().variables(job), command.fetchVariables()),
                  runtime.taskListeners().properties(job))
              : JobViews.activated(job, jobVariables(job, command.fetchVariables()), null));
    }
    return new JobViews.JobActivationResult(views);
  }

  private Map<String, Object> jobVariables(Job job, List<String> fetch) {
    return select(runtime.variables().visible(job.elementInstanceKey), fetch);
  }

  private static Map<String, Object> select(Map<String, Object> visible, List<String> fetch) {
    if (fetch.isEmpty()) {
      return visible;
    }
    Map<String, Object> selected = new LinkedHashMap<>();
    for (String name : fetch) {
      if (visible.containsKey(name)) {
        selected.put(name, visible.get(name));
      }
    }
    return selected;
  }

  private Job liveJob(long key, String action) {
    Job job = state.jobs.get(key);
    if (job == null || job.state.isEnded()) {
      throw EngineException.notFound(
          "Expected to " + action + " job with key '" + key + "', but no such job was found");
    }
    return job;
  }

  private Job workableJob(long key, String action) {
    Job job = liveJob(key, action);
    if (job.incidentKey != null || job.state == JobState.ERROR_THROWN) {
      throw EngineException.invalidState(
          "Expected to "
              + action
              + " job with key '"
              + key
              + "', but it is in state '"
              + job.state
              + "' with an open incident; resolve the incident first");
    }
    return job;
  }

  Object completeJob(Command.CompleteJob command) {
    Job job = workableJob(command.jobKey(), "complete");
    if (job.kind == TaskListeners.KIND) {
      if (!command.variables().isEmpty()) {
        throw EngineException.invalidArgument(
            "Expected to complete task listener job with key '"
                + job.key
                + "' without variables, but variables were given; a task listener may deny or"
                + " correct the task, the task's completion sets the variables.");
      }
      runtime.taskListeners().checkResult(job, command.result());
    } else if (command.result() != null) {
      throw EngineException.invalidArgument(
          "Expected a job result only for a task listener job, but job with key '"
              + job.key
              + "' is the job of element '"
              + job.elementId
              + "'");
    }
    runtime.completeJob(job, command.variables(), command.result());
    return null;
  }

  Object failJob(Command.FailJob command) {
    Job job = workableJob(command.jobKey(), "fail");
    if (command.retries() < 0) {
      throw EngineException.invalidArgument(
          "retries must be 0 or more, but was " + command.retries());
    }
    if (command.retryBackOff() < 0) {
      throw EngineException.invalidArgument(
          "retryBackOff must be 0 or more milliseconds, but was " + command.retryBackOff());
    }
    runtime
        .jobs()
        .fail(
            job,
            command.retries(),
            command.errorMessage(),
            command.retryBackOff(),
            command.variables());
    return null;
  }

  Object throwError(Command.ThrowError command) {
    Job job = workableJob(command.jobKey(), "throw an error for");
    if (job.kind == TaskListeners.KIND) {
      throw EngineException.invalidArgument(
          "A task listener job cannot throw a BPMN error (job with key '"
              + job.key
              + "'); deny the transition or fail the job.");
    }
    if (job.kind == ExecutionListeners.KIND) {
      throw EngineException.invalidState(
          "An execution listener job cannot throw a BPMN error (job with key '"
              + job.key
              + "'); complete or fail the job.");
    }
    if (command.errorCode() == null || command.errorCode().isBlank()) {
      throw EngineException.invalidArgument("errorCode must not be empty");
    }
    runtime.throwJobError(job, command.errorCode(), command.errorMessage(), command.variables());
    return null;
  }

  Object updateJob(Command.UpdateJob command) {
    Job job = liveJob(command.jobKey(), "update");
    if (command.retries() == null && command.timeout() == null) {
      throw EngineException.invalidArgument(
          "The changeset is empty: give retries, timeout or both.");
    }
    if (command.retries() != null && command.retries() < 1) {
      throw EngineException.invalidArgument(
          "Expected to update retries for job with key '"
              + job.key
              + "' with a positive amount of retries, but the amount given was '"
              + command.retries()
              + "'");
    }
    if (command.timeout() != null) {
      if (!job.activated) {
        throw EngineException.invalidState(
            "Expected to update the timeout of job with key '"
                + job.key
                + "', but it is not activated by a worker");
      }
      if (command.timeout() < 0) {
        throw EngineException.invalidArgument("timeout must be 0 or more milliseconds");
      }
    }
    if (command.retries() != null) {
      job.retries = command.retries();
      if (job.incidentKey == null && job.state != JobState.ERROR_THROWN) {
        job.state = JobState.RETRIES_UPDATED;
      }
    }
    if (command.timeout() != null) {
      job.deadline = CommandHandler.deadline(runtime.now(), command.timeout());
      state.jobQueue.wakeAt(job, job.deadline);
    }
    return null;
  }
}
