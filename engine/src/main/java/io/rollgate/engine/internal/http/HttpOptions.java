package io.rollgate.engine.internal.http;

import java.time.Duration;
import java.util.Set;

/**
 * Limits and checks of the HTTP side, against careless clients and against web pages in a
 * developer's browser that send requests to the engine on loopback.
 *
 * @param maxConnections open connections at most; a new one beyond that replaces the connection
 *     idle the longest, or is closed when every connection has a request in progress
 * @param idleTimeout a connection with no request in progress is closed after this long without
 *     traffic
 * @param requestReadTimeout a request must arrive completely (headers and body) within this long
 *     after its first byte; a slow sender is answered {@code 408} and disconnected
 * @param maxRequestBytes largest request body (deployments); larger ones get {@code 413}
 * @param maxJsonBytes largest JSON request body, that is, the variables of one request; larger ones
 *     get {@code 413}
 * @param allowedHosts host names (without port) accepted in the {@code Host} header besides the
 *     loopback names ({@code localhost}, {@code 127.0.0.1}, {@code [::1]}) and the bound address;
 *     checked only when listening on loopback, against DNS rebinding
 */
public record HttpOptions(
    int maxConnections,
    Duration idleTimeout,
    Duration requestReadTimeout,
    int maxRequestBytes,
    int maxJsonBytes,
    Set<String> allowedHosts) {

  public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
  public static final Duration DEFAULT_REQUEST_READ_TIMEOUT = Duration.ofSeconds(30);
  public static final int DEFAULT_MAX_REQUEST_BYTES = 16 * 1024 * 1024;
  public static final int DEFAULT_MAX_JSON_BYTES = 4 * 1024 * 1024;

  public HttpOptions {
    if (maxConnections < 1) {
      throw new IllegalArgumentException(
          "maxConnections must be at least 1, was " + maxConnections);
    }
    positive("idleTimeout", idleTimeout);
    positive("requestReadTimeout", requestReadTimeout);
    if (maxRequestBytes < 1 || maxJsonBytes < 1) {
      throw new IllegalArgumentException(
          "request size limits must be positive, were " + maxRequestBytes + " and " + maxJsonBytes);
    }
    allowedHosts = Set.copyOf(allowedHosts);
  }

  private static void positive(String name, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }

  /** The defaults: 10,000 connections, 60 s idle, 30 s to send a request, 16 MiB, 4 MiB JSON. */
  public static HttpOptions defaults() {
    return new HttpOptions(
        DEFAULT_MAX_CONNECTIONS,
        DEFAULT_IDLE_TIMEOUT,
        DEFAULT_REQUEST_READ_TIMEOUT,
        DEFAULT_MAX_REQUEST_BYTES,
        DEFAULT_MAX_JSON_BYTES,
        Set.of());
  }
}
