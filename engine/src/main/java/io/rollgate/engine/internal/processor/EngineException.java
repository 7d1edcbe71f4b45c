package io.rollgate.engine.internal.processor;

/**
 * A command or query was rejected before it changed anything, or could not be answered. The {@link
 * Kind} says why, in the terms of the Camunda 8 API; how a kind is told to a client (an HTTP
 * status, for the REST API) is up to the transport.
 */
public final class EngineException extends RuntimeException {

  /** Why a request was not done; the names are the titles of Camunda 8's problem responses. */
  public enum Kind {
    /** A key or id names nothing that exists (any more). */
    NOT_FOUND,
    /** The request is well-formed, but the thing it names is not in a state that allows it. */
    INVALID_STATE,
    /** The request itself is wrong: a missing, malformed or contradictory argument. */
    INVALID_ARGUMENT,
    /** Something with this identity exists already (a message with the same id). */
    ALREADY_EXISTS,
    /** The engine takes no more requests for now; retrying after a back-off helps. */
    RESOURCE_EXHAUSTED,
    /** The engine is shutting down or stopped. */
    UNAVAILABLE,
    /** The answer did not come within the time the request allowed. */
    DEADLINE_EXCEEDED,
    /** The engine failed; a bug or a broken data directory, not the client's fault. */
    INTERNAL_ERROR
  }

  private final Kind kind;

  public EngineException(Kind kind, String detail) {
    super(detail);
    this.kind = kind;
  }

  public static EngineException notFound(String detail) {
    return new EngineException(Kind.NOT_FOUND, detail);
  }

  public static EngineException invalidState(String detail) {
    return new EngineException(Kind.INVALID_STATE, detail);
  }

  public static EngineException invalidArgument(String detail) {
    return new EngineException(Kind.INVALID_ARGUMENT, detail);
  }

  public Kind kind() {
    return kind;
  }
}
