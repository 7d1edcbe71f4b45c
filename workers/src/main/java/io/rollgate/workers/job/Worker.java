package io.rollgate.workers.job;

/**
 * One job type's glue: what it reads from the job's variables, the one connector call it makes, and
 * what it writes back. {@link JobAdapter} turns its outcome into the job command, so a worker never
 * talks to the engine.
 *
 * <p>Contract of {@link #handle}:
 *
 * <ul>
 *   <li>return the output record: the job completes with each of its components as a variable
 *       (component name = variable name);
 *   <li>throw {@link BpmnError} for a business outcome the model handles (rejected, deploy failed,
 *       regression);
 *   <li>let {@link io.rollgate.connector.RetryableException} through for a transient failure (the
 *       job is retried with back-off) and {@link io.rollgate.connector.NonRetryableException} for
 *       anything repeating cannot fix (an incident);
 *   <li>throw {@link InvalidVariableException} for an input that is present but unusable.
 * </ul>
 *
 * Handling must be idempotent: the engine may deliver the same job again after a timeout or a lost
 * answer.
 *
 * @param <I> the input record; each component is a required job variable of the same name
 * @param <O> the output record; may have no components
 */
public interface Worker<I extends Record, O extends Record> {

  /** The job type, one of {@code Lifecycle.Jobs.ALL}. */
  String jobType();

  /** The input record's class, to bind the job's variables to. */
  Class<I> inputType();

  /** Does the work for one job. */
  O handle(I input);
}
