package io.rollgate.connector.servicenow;

import io.rollgate.connector.NonRetryableException;

/**
 * The instance refused the write because it conflicts with the record's current state (HTTP 409).
 * Not worth repeating.
 */
public final class ServiceNowConflictException extends NonRetryableException {

  public ServiceNowConflictException(String system, int status, String message) {
    super(system, status, message, null);
  }
}
