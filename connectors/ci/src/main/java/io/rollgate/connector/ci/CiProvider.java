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

  /**
   * As {@link #triggerAndWait}, once per {@code key}: when a run carrying {@code key} exists
   * already (a retry after an answer was lost), waits for that run instead of starting a second
   * one. The key travels with the run as {@link #KEY_PARAMETER}: a GitHub workflow input, which the
   * workflow shows as its title ({@code run-name: ${{ inputs.rollgate_key }}}); a GitLab pipeline
   * variable; a Jenkins build parameter.
   *
   * @param key names the run for good, for example {@code <release id>/<step name>}
   * @return the run in its final state
   * @throws RunTimeoutException when it is not final within {@link WaitPolicy#timeout()}
   * @throws io.rollgate.connector.ConnectorException when the start is refused or fails
   */
  CiRun runOnceAndWait(TriggerRequest request, String key, WaitPolicy wait);

  /** The parameter that carries the key of {@link #runOnceAndWait}. */
  String KEY_PARAMETER = "rollgate_key";
}
