package io.rollgate.workers.job;

import java.util.Objects;

/**
 * A job variable is missing or cannot be used. Repeating the job cannot help, so {@link
 * ErrorPolicy} raises an incident whose message names the variable and what is wrong with it.
 */
public final class InvalidVariableException extends RuntimeException {

  private final String variable;

  /**
   * @param variable the variable's name
   * @param problem what is wrong, completing "variable 'x' ...", for example {@code "is missing"}
   */
  public InvalidVariableException(String variable, String problem) {
    super("variable '" + Objects.requireNonNull(variable, "variable") + "' " + problem);
    this.variable = variable;
  }

  public String variable() {
    return variable;
  }

  /** Fails unless {@code condition} holds. */
  public static void require(boolean condition, String variable, String problem) {
    if (!condition) {
      throw new InvalidVariableException(variable, problem);
    }
  }
}
