package io.rollgate.workers.job;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.worker.JobClient;
import io.camunda.client.api.worker.JobHandler;
import io.rollgate.connector.ConnectorException;
import io.rollgate.connector.RetryableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The error policy, in one place: turns a {@link Worker}'s outcome into the job command.
 *
 * <table>
 *   <caption>outcome to command</caption>
 *   <tr><th>outcome</th><th>command</th></tr>
 *   <tr><td>an output record</td><td>complete, with the record's components as variables</td></tr>
 *   <tr><td>{@link BpmnError}</td><td>throw error with its code, message and variables</td></tr>
 *   <tr><td>{@link RetryableException}</td><td>fail with {@code retries - 1}, back-off from
 *       {@code retryAfter()} or {@link RetryBackoff}</td></tr>
 *   <tr><td>{@link io.rollgate.connector.NonRetryableException}, {@link InvalidVariableException},
 *       anything else</td><td>fail with retries 0: an incident with the message</td></tr>
 * </table>
 *
 * Logs one line per job outcome with the job type, job key, process instance key and release id;
 * messages come from the connectors, which never put a credential in them.
 */
public final class JobAdapter<I extends Record, O extends Record> implements JobHandler {

  private static final Logger LOG = LoggerFactory.getLogger(JobAdapter.class);
  private static final String RELEASE_ID = "releaseId";

  private final Worker<I, O> worker;
  private final RetryBackoff backoff;

  public JobAdapter(Worker<I, O> worker, RetryBackoff backoff) {
    this.worker = Objects.requireNonNull(worker, "worker");
    this.backoff = Objects.requireNonNull(backoff, "backoff");
  }

  /** The variables to fetch with each job: the input's, plus the release id for the log. */
  public List<String> fetchVariables() {
    List<String> names = new ArrayList<>(Bindings.names(worker.inputType()));
    if (!names.contains(RELEASE_ID)) {
      names.add(RELEASE_ID);
    }
    return names;
  }

  public Worker<I, O> worker() {
    return worker;
  }

  @Override
  public void handle(JobClient client, ActivatedJob job) {
    long started = System.nanoTime();
    Outcome outcome = run(job);
    try {
      outcome.send(client, job, backoff);
    } catch (RuntimeException e) {
      // The job timed out and went to another worker, or the engine is unreachable: the engine
      // hands the job out again, and workers are idempotent.
      LOG.warn(
          "job type={} key={} process_instance={} command refused: {}",
          job.getType(),
          job.getKey(),
          job.getProcessInstanceKey(),
          e.toString());
    }
    log(job, outcome, (System.nanoTime() - started) / 1_000_000);
  }

  private Outcome run(ActivatedJob job) {
    try {
      I input = Bindings.bind(job.getVariablesAsMap(), worker.inputType());
      return new Outcome.Completed(Bindings.variables(worker.handle(input)));
    } catch (BpmnError e) {
      return new Outcome.Error(e.code(), e.getMessage(), e.variables());
    } catch (RetryableException e) {
      return new Outcome.Retry(e.getMessage(), e.retryAfter().orElse(null));
    } catch (ConnectorException | InvalidVariableException e) {
      return new Outcome.Incident(e.getMessage());
    } catch (RuntimeException e) {
      LOG.warn("job type={} key={} unexpected failure", job.getType(), job.getKey(), e);
      return new Outcome.Incident(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private static void log(ActivatedJob job, Outcome outcome, long ms) {
    Object releaseId = job.getVariablesAsMap().get(RELEASE_ID);
    LOG.info(
        "job type={} key={} process_instance={} release_id={} {} duration_ms={}",
        job.getType(),
        job.getKey(),
        job.getProcessInstanceKey(),
        releaseId == null ? "none" : releaseId,
        outcome.describe(job),
        ms);
  }

  /** What becomes of one job. */
  private sealed interface Outcome {

    void send(JobClient client, ActivatedJob job, RetryBackoff backoff);

    String describe(ActivatedJob job);

    record Completed(Map<String, Object> variables) implements Outcome {
      @Override
      public void send(JobClient client, ActivatedJob job, RetryBackoff backoff) {
        client.newCompleteCommand(job).variables(variables).send().join();
      }

      @Override
      public String describe(ActivatedJob job) {
        return "outcome=completed variables=" + variables.keySet();
      }
    }

    record Error(String code, String message, Map<String, Object> variables) implements Outcome {
      @Override
      public void send(JobClient client, ActivatedJob job, RetryBackoff backoff) {
        client
            .newThrowErrorCommand(job)
            .errorCode(code)
            .errorMessage(message)
            .variables(variables)
            .send()
            .join();
      }

      @Override
      public String describe(ActivatedJob job) {
        return "outcome=bpmn-error code=" + code + " message=\"" + message + "\"";
      }
    }

    record Retry(String message, Duration retryAfter) implements Outcome {
      @Override
      public void send(JobClient client, ActivatedJob job, RetryBackoff backoff) {
        client
            .newFailCommand(job)
            .retries(Math.max(0, job.getRetries() - 1))
            .retryBackoff(wait(job, backoff))
            .errorMessage(message)
            .send()
            .join();
      }

      private Duration wait(ActivatedJob job, RetryBackoff backoff) {
        return retryAfter != null ? retryAfter : backoff.after(job.getRetries());
      }

      @Override
      public String describe(ActivatedJob job) {
        return "outcome=failed retryable=true retries_left="
            + Math.max(0, job.getRetries() - 1)
            + " error=\""
            + message
            + "\"";
      }
    }

    record Incident(String message) implements Outcome {
      @Override
      public void send(JobClient client, ActivatedJob job, RetryBackoff backoff) {
        client.newFailCommand(job).retries(0).errorMessage(message).send().join();
      }

      @Override
      public String describe(ActivatedJob job) {
        return "outcome=failed retryable=false retries_left=0 error=\"" + message + "\"";
      }
    }
  }
}
