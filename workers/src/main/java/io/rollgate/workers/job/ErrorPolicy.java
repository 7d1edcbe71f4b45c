package io.rollgate.workers.job;

import io.camunda.client.api.command.FinalCommandStep;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.camunda.client.exception.BpmnError;
import io.camunda.client.exception.CamundaError;
import io.camunda.client.exception.JobError;
import io.camunda.client.jobhandling.CommandExceptionHandlingStrategy;
import io.camunda.client.jobhandling.CommandWrapper;
import io.camunda.client.jobhandling.JobExceptionHandlingStrategy;
import io.camunda.client.jobhandling.JobHandlingUtil;
import io.camunda.client.metrics.MetricsRecorder;
import io.rollgate.connector.ConnectorException;
import io.rollgate.connector.RetryableException;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The error policy of the job workers, in one place: what a worker method's exception does to its
 * job. It takes the place of the starter's default strategy, which would write a stack trace into
 * the incident and leave every exception but {@link CamundaError} to the client's generic retry.
 *
 * <table>
 *   <caption>exception to job command</caption>
 *   <tr><th>thrown</th><th>command</th></tr>
 *   <tr><td>{@link BpmnError} ({@code CamundaError.bpmnError}): a business outcome the model
 *       catches</td><td>throw error with its code, message and variables</td></tr>
 *   <tr><td>{@link RetryableException}</td><td>fail with {@code retries - 1}, back-off from
 *       {@code retryAfter()} or else {@link RetryBackoff}</td></tr>
 *   <tr><td>{@link JobError} ({@code CamundaError.jobError})</td><td>fail with its retries (else
 *       {@code retries - 1}) and back-off (else {@link RetryBackoff})</td></tr>
 *   <tr><td>{@link io.rollgate.connector.NonRetryableException}, {@link InvalidVariableException},
 *       anything else</td><td>fail with retries 0: an incident with the message</td></tr>
 * </table>
 *
 * Commands go through the starter's {@link CommandWrapper}, so they are retried on back-pressure
 * and counted in its job metrics ({@code camunda.job.invocations}, {@code action=failed} or {@code
 * bpmn-error}). Logs one line per failed job with the job type, key, process instance and release
 * id; messages come from the connectors, which never put a credential in them.
 */
public final class ErrorPolicy implements JobExceptionHandlingStrategy {

  private static final Logger LOG = LoggerFactory.getLogger(ErrorPolicy.class);
  private static final String RELEASE_ID = "releaseId";

  private final CommandExceptionHandlingStrategy commandFailures;
  private final MetricsRecorder metrics;
  private final RetryBackoff backoff;

  public ErrorPolicy(
      CommandExceptionHandlingStrategy commandFailures,
      MetricsRecorder metrics,
      RetryBackoff backoff) {
    this.commandFailures = Objects.requireNonNull(commandFailures, "commandFailures");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.backoff = Objects.requireNonNull(backoff, "backoff");
  }

  @Override
  public void handleException(Exception exception, ExceptionHandlingContext context) {
    ActivatedJob job = context.job();
    CamundaError decided = decide(exception, job.getRetries());
    FinalCommandStep<?> command;
    String action;
    if (decided instanceof BpmnError error) {
      command = throwError(context.jobClient(), job, error);
      action = MetricsRecorder.ACTION_BPMN_ERROR;
    } else {
      command = fail(context.jobClient(), job, (JobError) decided);
      action = MetricsRecorder.ACTION_FAILED;
    }
    log(job, decided, exception);
    new CommandWrapper(
            command, job, commandFailures, metrics, context.jobWorkerValue().getMaxRetries())
        .executeAsyncWithMetrics(MetricsRecorder.METRIC_NAME_JOB, action, job.getType());
  }

  /**
   * What the job's outcome is, as the starter's error types.
   *
   * @param retriesLeft the job's retries before this failure
   * @return a {@link BpmnError}, or a {@link JobError} with its retries and back-off set
   */
  CamundaError decide(Exception exception, int retriesLeft) {
    if (exception instanceof BpmnError error) {
      return error;
    }
    int next = Math.max(0, retriesLeft - 1);
    if (exception instanceof JobError error) {
      int retries = error.getRetries() == null ? next : error.getRetries();
      Duration wait =
          error.getRetryBackoff() == null ? backoff.after(retriesLeft) : error.getRetryBackoff();
      return CamundaError.jobError(
          error.getErrorMessage(), error.getVariables(), retries, wait, error);
    }
    if (exception instanceof RetryableException retryable) {
      Duration wait = retryable.retryAfter().orElseGet(() -> backoff.after(retriesLeft));
      return CamundaError.jobError(retryable.getMessage(), null, next, wait, retryable);
    }
    if (exception instanceof ConnectorException || exception instanceof InvalidVariableException) {
      return CamundaError.jobError(exception.getMessage(), null, 0, Duration.ZERO, exception);
    }
    return CamundaError.jobError(
        exception.getClass().getSimpleName() + ": " + exception.getMessage(),
        null,
        0,
        Duration.ZERO,
        exception);
  }

  private static FinalCommandStep<?> throwError(JobClient client, ActivatedJob job, BpmnError e) {
    return JobHandlingUtil.applyVariables(
        e.getVariables(),
        client
            .newThrowErrorCommand(job.getKey())
            .errorCode(e.getErrorCode())
            .errorMessage(e.getErrorMessage()));
  }

  private static FinalCommandStep<?> fail(JobClient client, ActivatedJob job, JobError e) {
    return JobHandlingUtil.applyVariables(
        e.getVariables(),
        client
            .newFailCommand(job.getKey())
            .retries(e.getRetries())
            .retryBackoff(e.getRetryBackoff())
            .errorMessage(e.getErrorMessage()));
  }

  private static void log(ActivatedJob job, CamundaError decided, Exception exception) {
    Object releaseId = job.getVariablesAsMap().get(RELEASE_ID);
    String outcome =
        decided instanceof BpmnError error
            ? "outcome=bpmn-error code=" + error.getErrorCode()
            : "outcome=failed retries_left=" + ((JobError) decided).getRetries();
    String message =
        decided instanceof BpmnError error
            ? error.getErrorMessage()
            : ((JobError) decided).getErrorMessage();
    if (isUnexpected(exception)) {
      LOG.warn(
          "job type={} key={} process_instance={} release_id={} {} unexpected failure",
          job.getType(),
          job.getKey(),
          job.getProcessInstanceKey(),
          releaseId == null ? "none" : releaseId,
          outcome,
          exception);
      return;
    }
    LOG.info(
        "job type={} key={} process_instance={} release_id={} {} error=\"{}\"",
        job.getType(),
        job.getKey(),
        job.getProcessInstanceKey(),
        releaseId == null ? "none" : releaseId,
        outcome,
        message);
  }

  private static boolean isUnexpected(Exception exception) {
    return !(exception instanceof CamundaError
        || exception instanceof ConnectorException
        || exception instanceof InvalidVariableException);
  }
}
