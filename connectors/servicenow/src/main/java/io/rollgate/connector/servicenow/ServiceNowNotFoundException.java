package io.rollgate.connector.servicenow;

import io.rollgate.connector.NonRetryableException;

/** The record does not exist or the user may not read it (HTTP 404). Not worth repeating. */
public final class ServiceNowNotFoundException extends NonRetryableException {

  public ServiceNowNotFoundException(String system, int status, String message) {
    super(system, status, message, null);
  }
}
