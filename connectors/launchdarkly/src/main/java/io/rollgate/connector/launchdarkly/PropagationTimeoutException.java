package io.rollgate.connector.launchdarkly;

import java.time.Duration;
import java.util.OptionalInt;

/**
 * The SDK did not receive the expected flag version in time: the change is made in LaunchDarkly but
 * cannot be confirmed as served. A rollout should stop and ask a human rather than go on.
 */
public final class PropagationTimeoutException extends RuntimeException {

  private final String flagKey;
  private final int expectedVersion;
  private final OptionalInt seenVersion;

  public PropagationTimeoutException(
      String flagKey, int expectedVersion, OptionalInt seenVersion, Duration timeout) {
    super(
        "flag '"
            + flagKey
            + "' did not reach the SDK within "
            + timeout.toMillis()
            + " ms: expected version "
            + expectedVersion
            + " or later, SDK holds "
            + (seenVersion.isPresent() ? "version " + seenVersion.getAsInt() : "no version"));
    this.flagKey = flagKey;
    this.expectedVersion = expectedVersion;
    this.seenVersion = seenVersion;
  }

  public String flagKey() {
    return flagKey;
  }

  public int expectedVersion() {
    return expectedVersion;
  }

  /** The version the SDK held when the wait ended, if any. */
  public OptionalInt seenVersion() {
    return seenVersion;
  }
}
