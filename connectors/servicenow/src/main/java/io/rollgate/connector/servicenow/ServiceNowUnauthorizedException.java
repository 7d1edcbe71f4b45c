package io.rollgate.connector.servicenow;

import io.rollgate.connector.NonRetryableException;

/**
 * The instance refused the credentials or the permission (HTTP 401 or 403), also after one token
 * refresh. Not worth repeating.
 */
public final class ServiceNowUnauthorizedException extends NonRetryableException {

  public ServiceNowUnauthorizedException(String system, int status, String message) {
    super(system, status, message, null);
  }
}
