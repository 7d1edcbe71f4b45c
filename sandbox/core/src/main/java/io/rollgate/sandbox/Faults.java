package io.rollgate.sandbox;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The fault knobs of one simulator. Every request to the simulated API (not to {@code /_sandbox})
 * passes {@link #decide} first. Thread-safe.
 *
 * <ul>
 *   <li>latency: every answer is delayed;
 *   <li>rate limit: more than {@code limit} requests in {@code window} get 429 with {@code
 *       Retry-After} (whole seconds until a slot frees) and {@code X-RateLimit-*} headers;
 *   <li>fail next: the next {@code count} requests get {@code status} (with {@code Retry-After}
 *       when {@code retryAfterSeconds} is set);
 *   <li>reset next: the next {@code count} connections are closed without an answer;
 *   <li>outage: every request between {@code from} and {@code until} gets 503;
 *   <li>fail rate: a share of requests, spread evenly (with ratio 0.1, every tenth), gets {@code
 *       status}, as a flaky system under load answers.
 * </ul>
 */
public final class Faults {

  /** Fault settings as the admin endpoint reads them; absent fields switch a knob off. */
  @JsonIgnoreProperties(ignoreUnknown = false)
  public record Spec(
      Long latencyMillis,
      RateLimit rateLimit,
      FailNext failNext,
      Integer resetNext,
      Outage outage,
      FailRate failRate) {

    @JsonCreator
    public Spec {}

    /** Settings without a fail rate. */
    public Spec(
        Long latencyMillis,
        RateLimit rateLimit,
        FailNext failNext,
        Integer resetNext,
        Outage outage) {
      this(latencyMillis, rateLimit, failNext, resetNext, outage, null);
    }
  }

  public record RateLimit(int limit, long windowMillis) {}

  public record FailNext(int count, int status, Integer retryAfterSeconds) {}

  public record Outage(Instant from, Instant until) {}

  /**
   * @param ratio the share of requests that fail, above 0 and at most 1
   * @param status the status they get, for example 503
   */
  public record FailRate(double ratio, int status) {
    public FailRate {
      if (!(ratio > 0 && ratio <= 1)) {
        throw new IllegalArgumentException("ratio must be above 0 and at most 1, was " + ratio);
      }
    }
  }

  /** What to do with one request. */
  public sealed interface Decision {}

  /** Serve it normally, after {@code delay}. */
  public record Pass(Duration delay) implements Decision {}

  /**
   * Answer with an error in the system's shape.
   *
   * @param retryAfterSeconds the wait to announce, or null
   * @param limit the rate limit that was hit, or 0
   * @param resetAt when the limit frees a slot or the failure ends, or null when unknown
   */
  public record Fail(
      Duration delay,
      int status,
      Integer retryAfterSeconds,
      int limit,
      int remaining,
      Instant resetAt)
      implements Decision {}

  /** Close the connection without answering. */
  public record Reset() implements Decision {}

  private final Clock clock;
  private Spec spec = new Spec(null, null, null, null, null, null);
  private int failNextLeft;
  private int resetNextLeft;
  private double failRateOwed;
  private final Deque<Instant> window = new ArrayDeque<>();

  public Faults(Clock clock) {
    this.clock = clock;
  }

  public synchronized void set(Spec newSpec) {
    spec = newSpec;
    failNextLeft = newSpec.failNext() == null ? 0 : newSpec.failNext().count();
    resetNextLeft = newSpec.resetNext() == null ? 0 : newSpec.resetNext();
    failRateOwed = 0;
    window.clear();
  }

  public synchronized void clear() {
    set(new Spec(null, null, null, null, null, null));
  }

  public synchronized Spec spec() {
    return spec;
  }

  public synchronized Decision decide() {
    Duration delay = Duration.ofMillis(spec.latencyMillis() == null ? 0 : spec.latencyMillis());
    Instant now = clock.instant();
    if (resetNextLeft > 0) {
      resetNextLeft--;
      return new Reset();
    }
    Outage outage = spec.outage();
    if (outage != null && !now.isBefore(outage.from()) && now.isBefore(outage.until())) {
      long seconds = Math.max(1, Duration.between(now, outage.until()).toSeconds());
      return new Fail(delay, 503, (int) seconds, 0, 0, outage.until());
    }
    if (failNextLeft > 0) {
      failNextLeft--;
      FailNext f = spec.failNext();
      Instant resetAt =
          f.retryAfterSeconds() == null ? null : now.plusSeconds(f.retryAfterSeconds());
      return new Fail(delay, f.status(), f.retryAfterSeconds(), 0, 0, resetAt);
    }
    FailRate rate = spec.failRate();
    if (rate != null) {
      failRateOwed += rate.ratio();
      if (failRateOwed >= 1 - 1e-9) {
        failRateOwed -= 1;
        return new Fail(delay, rate.status(), null, 0, 0, null);
      }
    }
    RateLimit rl = spec.rateLimit();
    if (rl != null) {
      Instant windowStart = now.minusMillis(rl.windowMillis());
      while (!window.isEmpty() && !window.peekFirst().isAfter(windowStart)) {
        window.pollFirst();
      }
      if (window.size() >= rl.limit()) {
        Duration untilFree = Duration.between(windowStart, window.peekFirst());
        int seconds = (int) Math.max(1, (untilFree.toMillis() + 999) / 1000);
        return new Fail(
            delay, 429, seconds, rl.limit(), 0, window.peekFirst().plusMillis(rl.windowMillis()));
      }
      window.addLast(now);
    }
    return new Pass(delay);
  }
}
