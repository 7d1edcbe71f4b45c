package io.rollgate.connector;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Timeouts, retries and the circuit breaker of one outside system. Create one per system and share
 * it: the circuit breaker's state belongs to the system, not to a call.
 *
 * <p>{@link #call} repeats a call that failed with a {@link RetryableException}, waiting what the
 * system asked for ({@code Retry-After}), at most {@code max-retry-after}, or an exponential
 * back-off with jitter; it never repeats a {@link NonRetryableException}. Non-retryable failures do
 * not count against the circuit.
 */
public final class Resilience {

  private static final Logger LOG = LoggerFactory.getLogger(Resilience.class);

  /** The timer of outside calls: tags system, operation, outcome (ok, failed), status. */
  public static final String CALLS_METRIC = "rollgate.outside.calls";

  private final String system;
  private final ResilienceSettings settings;
  private final CircuitBreaker circuitBreaker;

  /** What the last failed attempt met, so that an open circuit can say why it opened. */
  private volatile String lastFailure = "none recorded";

  private Resilience(String system, ResilienceSettings settings) {
    this.system = system;
    this.settings = settings;
    this.circuitBreaker =
        CircuitBreaker.of(
            system,
            CircuitBreakerConfig.custom()
                .failureRateThreshold(settings.failureRateThreshold())
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.slidingWindowSize())
                .minimumNumberOfCalls(settings.minimumNumberOfCalls())
                .waitDurationInOpenState(settings.waitInOpenState())
                .permittedNumberOfCallsInHalfOpenState(settings.permittedCallsInHalfOpenState())
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .recordException(RetryableException.class::isInstance)
                .ignoreExceptions(NonRetryableException.class)
                .build());
  }

  /** The system's settings from the built-in {@code rollgate-resilience.yaml}. */
  public static Resilience forSystem(String system) {
    return of(system, ResilienceConfig.builtIn().settingsFor(system));
  }

  public static Resilience of(String system, ResilienceSettings settings) {
    return new Resilience(system, settings);
  }

  public String system() {
    return system;
  }

  public ResilienceSettings settings() {
    return settings;
  }

  public CircuitBreaker.State circuitState() {
    return circuitBreaker.getState();
  }

  /** An HTTP client builder with this system's timeouts set. */
  public OkHttpClient.Builder httpClient() {
    return new OkHttpClient.Builder()
        .connectTimeout(settings.connectTimeout())
        .readTimeout(settings.readTimeout())
        .writeTimeout(settings.readTimeout())
        .callTimeout(settings.callTimeout())
        .retryOnConnectionFailure(false);
  }

  /**
   * Runs {@code call}, repeating it on retryable failures.
   *
   * @param operation a short name for logs, for example {@code create-change}
   * @throws RetryableException when attempts ran out or the circuit is open; its {@link
   *     RetryableException#retryAfter()} is at most {@code max-retry-after}, and when the system
   *     asked for a longer wait its message names the wait asked for
   * @throws NonRetryableException as soon as the call fails that way
   */
  public <T> T call(String operation, Supplier<T> call) {
    return call(operation, "", call);
  }

  /**
   * Like {@link #call(String, Supplier)}, and logs one line with the outcome: the system, the
   * operation, {@code context} (for example {@code repo=acme/shop sha=1a2b}, never a secret), the
   * duration, and for a failure whether it is retryable, the status and the detail.
   */
  public <T> T call(String operation, String context, Supplier<T> call) {
    long started = System.nanoTime();
    try {
      T result = attempt(operation, call);
      record(operation, "ok", "2xx", started);
      LOG.info(
          "call system={} operation={} {} outcome=ok duration_ms={}",
          system,
          operation,
          context,
          (System.nanoTime() - started) / 1_000_000);
      return result;
    } catch (ConnectorException e) {
      record(operation, "failed", e.status().map(String::valueOf).orElse("none"), started);
      LOG.warn(
          "call system={} operation={} {} outcome=failed retryable={} status={} duration_ms={}"
              + " detail=\"{}\"",
          system,
          operation,
          context,
          e.retryable(),
          e.status().map(String::valueOf).orElse("none"),
          (System.nanoTime() - started) / 1_000_000,
          e.detail());
      throw e;
    }
  }

  /**
   * One timer per system, operation, outcome and status in Micrometer's global registry, which a
   * Spring Boot service's registry joins: {@value #CALLS_METRIC}.
   */
  private void record(String operation, String outcome, String status, long startedNanos) {
    Timer.builder(CALLS_METRIC)
        .description("Calls to outside systems, after retries, by outcome")
        .tag("system", system)
        .tag("operation", operation)
        .tag("outcome", outcome)
        .tag("status", status)
        .register(Metrics.globalRegistry)
        .record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
  }

  private <T> T attempt(String operation, Supplier<T> call) {
    AtomicInteger attempts = new AtomicInteger();
    Retry retry = Retry.of(system + "/" + operation, retryConfig());
    retry
        .getEventPublisher()
        .onRetry(
            event ->
                LOG.warn(
                    "retrying system={} operation={} attempt={} wait_ms={} cause=\"{}\"",
                    system,
                    operation,
                    event.getNumberOfRetryAttempts() + 1,
                    event.getWaitInterval().toMillis(),
                    event.getLastThrowable() == null ? "" : event.getLastThrowable().getMessage()));
    Supplier<T> guarded =
        CircuitBreaker.decorateSupplier(
            circuitBreaker,
            () -> {
              attempts.incrementAndGet();
              try {
                return call.get();
              } catch (RetryableException e) {
                lastFailure = e.detail() + longWaitAskedFor(e);
                throw e;
              }
            });
    try {
      return Retry.decorateSupplier(retry, guarded).get();
    } catch (CallNotPermittedException open) {
      throw new RetryableException(
          system,
          0,
          "circuit open after repeated failures (the last: "
              + lastFailure
              + "); not calling for up to "
              + settings.waitInOpenState().toSeconds()
              + "s",
          settings.waitInOpenState(),
          open);
    } catch (RetryableException e) {
      String longWait = longWaitAskedFor(e);
      if (attempts.get() <= 1 && longWait.isEmpty()) {
        throw e;
      }
      String detail =
          attempts.get() <= 1
              ? e.detail()
              : "gave up after " + attempts.get() + " attempts: " + e.detail();
      throw new RetryableException(
          system, e.status().orElse(0), detail + longWait, honoured(e.retryAfter()), e);
    }
  }

  /**
   * What the system asked for when it is longer than Rollgate waits, so that the incident a long
   * rate limit ends in tells the operator when to retry; empty otherwise.
   */
  private String longWaitAskedFor(RetryableException e) {
    Duration asked = e.retryAfter().orElse(null);
    if (asked == null || asked.compareTo(settings.maxRetryAfter()) <= 0) {
      return "";
    }
    return "; "
        + system
        + " asked to wait "
        + describe(asked)
        + " before calling again (Retry-After), longer than the "
        + describe(settings.maxRetryAfter())
        + " Rollgate waits on its own (max-retry-after)";
  }

  /** The wait the system asked for, capped at {@code max-retry-after}; null when it named none. */
  private Duration honoured(Optional<Duration> asked) {
    return asked
        .map(wait -> wait.compareTo(settings.maxRetryAfter()) > 0 ? settings.maxRetryAfter() : wait)
        .orElse(null);
  }

  private static String describe(Duration wait) {
    return wait.toMillis() % 1000 == 0 ? wait.toSeconds() + " s" : wait.toMillis() + " ms";
  }

  private <T> RetryConfig retryConfig() {
    return RetryConfig.<T>custom()
        .maxAttempts(settings.maxAttempts())
        .retryOnException(Resilience::worthRepeating)
        .failAfterMaxAttempts(false)
        .intervalBiFunction(
            (Integer attempt, Either<Throwable, T> outcome) -> waitMillis(attempt, outcome))
        .build();
  }

  private static boolean worthRepeating(Throwable e) {
    return e instanceof RetryableException;
  }

  /**
   * The wait the system asked for, capped at {@code max-retry-after} (a long {@code Retry-After}
   * must not hold a worker silently for minutes), else the computed back-off.
   */
  private long waitMillis(int attempt, Either<Throwable, ?> outcome) {
    if (outcome.isLeft() && outcome.getLeft() instanceof RetryableException retryable) {
      Duration wait = honoured(retryable.retryAfter());
      if (wait != null) {
        return Math.max(wait.toMillis(), 1);
      }
    }
    return backoff(attempt).toMillis();
  }

  /** The computed wait before attempt {@code attempt + 1}, jitter included. */
  Duration backoff(int attempt) {
    double base =
        settings.initialBackoff().toMillis() * Math.pow(settings.backoffMultiplier(), attempt - 1);
    double capped = Math.min(base, settings.maxBackoff().toMillis());
    double spread = capped * settings.jitter();
    double jittered = capped - spread + ThreadLocalRandom.current().nextDouble() * 2 * spread;
    return Duration.ofMillis(Math.max(1, Math.round(jittered)));
  }
}
