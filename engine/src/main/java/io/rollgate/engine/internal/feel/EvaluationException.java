package io.rollgate.engine.internal.feel;

/** A FEEL expression could not be evaluated, or its result has the wrong type. */
public final class EvaluationException extends RuntimeException {
  public EvaluationException(String message) {
    super(message);
  }
}
