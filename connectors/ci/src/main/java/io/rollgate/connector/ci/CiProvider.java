package io.rollgate.connector.ci;

/**
 * A CI system Rollgate reads verdicts from and starts jobs on: {@link GitHubActionsProvider},
 * {@link GitLabProvider} or {@link JenkinsProvider}, each bound to one repository, project or
 * Jenkins server. Every call goes through the system's Resilience4j instance: transient failures
 * are retried inside, then surface as {@link io.rollgate.connector.RetryableException}; anything
 * else as {@link io.rollgate.connector.NonRetryableException}.
 */
public sealed interface CiProvider permits GitHubActionsProvider, GitLabProvider, JenkinsProvider {

  /** The resilience system name: {@code github}, {@code gitlab} or {@code jenkins}. */
  String system();

  /**
   * The CI verdict on commit {@code sha}.
   *
   * @param pipeline GitHub: a workflow file name or id, or {@code null} for every workflow of the
   *     repository; GitLab: ignored (the project's pipelines); Jenkins: the job, required
   * @param sha the full commit SHA
   * @return {@link PipelineStatus#noRunYet()} when no run exists for the commit
   * @throws io.rollgate.connector.ConnectorException when the system cannot be asked
   */
  PipelineStatus pipelineStatus(String pipeline, String sha);

  /**
   * Starts a run and waits, polling every {@link WaitPolicy#pollInterval()}, until it is final. A
   * failed or cancelled run is a result, not an exception.
   *
   * @return the run in its final state
   * @throws RunTimeoutException when it is not final within {@link WaitPolicy#timeout()}
   * @throws io.rollgate.connector.ConnectorException when the start is refused or fails
   */
  CiRun triggerAndWait(TriggerRequest request, WaitPolicy wait);
}
