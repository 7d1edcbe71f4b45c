package io.rollgate.connector.ci.jenkins;

import java.util.OptionalInt;

/**
 * A build request waiting in, or gone from, the Jenkins queue.
 *
 * @param why why it still waits ({@code null} once it left the queue)
 * @param cancelled whether it was cancelled before it started
 * @param buildNumber the build it became ({@code executable.number}), {@code null} while queued
 */
public record QueueItem(long id, String why, boolean cancelled, Integer buildNumber) {

  public OptionalInt build() {
    return buildNumber == null ? OptionalInt.empty() : OptionalInt.of(buildNumber);
  }
}
