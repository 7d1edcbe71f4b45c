package io.rollgate.app.release;

/** The engine did not take a command: 503, the caller may try again. */
final class EngineUnavailableException extends RuntimeException {

  EngineUnavailableException(String message, Throwable cause) {
    super(message + ": " + cause.getMessage(), cause);
  }
}
