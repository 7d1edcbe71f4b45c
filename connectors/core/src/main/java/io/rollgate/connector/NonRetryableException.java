package io.rollgate.connector;

/**
 * A failure that repeating the same call cannot fix: bad credentials, missing permission, a missing
 * record, invalid data. Connectors may subclass it for outcomes their callers branch on (not found,
 * conflict).
 */
public non-sealed class NonRetryableException extends ConnectorException {

  public NonRetryableException(String system, int status, String message, Throwable cause) {
    super(system, status, message, cause);
  }

  @Override
  public boolean retryable() {
    return false;
  }
}
