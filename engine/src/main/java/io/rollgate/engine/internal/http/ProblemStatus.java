package io.rollgate.engine.internal.http;

import io.rollgate.engine.internal.processor.EngineException;

/** The HTTP status of each kind of rejection, as Camunda 8's REST API answers it. */
final class ProblemStatus {
  private ProblemStatus() {}

  static int of(EngineException.Kind kind) {
    return switch (kind) {
      case NOT_FOUND -> 404;
      case INVALID_STATE, ALREADY_EXISTS -> 409;
      case INVALID_ARGUMENT -> 400;
      case RESOURCE_EXHAUSTED, UNAVAILABLE -> 503;
      case DEADLINE_EXCEEDED -> 504;
      case INTERNAL_ERROR -> 500;
    };
  }
}
