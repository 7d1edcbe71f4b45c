package io.rollgate.workers.job;

import java.util.Map;
import java.util.Objects;

/**
 * A business outcome the process model catches with an error event (for example {@code
 * DEPLOY_FAILED}): {@link JobAdapter} throws it as a BPMN error with this code, message and
 * variables instead of failing the job.
 */
public final class BpmnError extends RuntimeException {

  private final String code;
  private final transient Map<String, Object> variables;

  /**
   * @param code one of {@code Lifecycle.Errors.ALL}
   * @param message why, for the people reading the process instance
   */
  public BpmnError(String code, String message) {
    this(code, message, Map.of());
  }

  /**
   * @param variables set where the error is caught, for example the evidence of a regression
   */
  public BpmnError(String code, String message, Map<String, Object> variables) {
    super(Objects.requireNonNull(message, "message"));
    this.code = Objects.requireNonNull(code, "code");
    this.variables = Map.copyOf(variables);
  }

  public String code() {
    return code;
  }

  public Map<String, Object> variables() {
    return variables;
  }
}
