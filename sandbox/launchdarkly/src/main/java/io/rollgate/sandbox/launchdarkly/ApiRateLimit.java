package io.rollgate.sandbox.launchdarkly;

import java.time.Clock;

/**
 * LaunchDarkly's own rate limit on the REST API: a fixed window of {@code limit} requests. Every
 * answer carries {@code X-Ratelimit-Route-Remaining}, {@code X-Ratelimit-Global-Remaining} and
 * {@code X-Ratelimit-Reset} (epoch milliseconds); a refused request gets 429 {@code rate_limited}
 * and no {@code Retry-After}, so a client has to read the reset header.
 */
final class ApiRateLimit {

  /** The outcome for one request; {@code remaining} is -1 when no limit is set. */
  record Verdict(boolean allowed, int remaining, long resetEpochMillis) {}

  private final Clock clock;
  private int limit;
  private long windowMillis;
  private long windowStart;
  private int used;

  ApiRateLimit(Clock clock) {
    this.clock = clock;
  }

  synchronized void set(int newLimit, long newWindowMillis) {
    if (newLimit < 1 || newWindowMillis < 1) {
      throw new IllegalArgumentException("limit and windowMillis must be positive");
    }
    limit = newLimit;
    windowMillis = newWindowMillis;
    windowStart = clock.millis();
    used = 0;
  }

  synchronized void clear() {
    limit = 0;
  }

  synchronized Verdict take() {
    if (limit == 0) {
      return new Verdict(true, -1, 0);
    }
    long now = clock.millis();
    if (now >= windowStart + windowMillis) {
      windowStart = now;
      used = 0;
    }
    long reset = windowStart + windowMillis;
    if (used >= limit) {
      return new Verdict(false, 0, reset);
    }
    used++;
    return new Verdict(true, limit - used, reset);
  }
}
