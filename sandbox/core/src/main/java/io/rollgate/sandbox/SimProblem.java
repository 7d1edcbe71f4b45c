package io.rollgate.sandbox;

/**
 * A handler's refusal: the simulator answers with {@code status} in its system's error shape (see
 * {@link SimServer.Builder#errorShape}).
 */
public class SimProblem extends RuntimeException {

  private final int status;

  public SimProblem(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
