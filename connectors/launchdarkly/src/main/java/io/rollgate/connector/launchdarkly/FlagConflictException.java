package io.rollgate.connector.launchdarkly;

import io.rollgate.connector.NonRetryableException;

/**
 * LaunchDarkly answered 409 (optimistic locking): someone changed the flag at the same time. The
 * client re-reads the flag and sends the change again up to {@link
 * LaunchDarklySettings#maxConflictRetries()} times before it surfaces this.
 */
public final class FlagConflictException extends NonRetryableException {

  public FlagConflictException(String system, int status, String message) {
    super(system, status, message, null);
  }
}
