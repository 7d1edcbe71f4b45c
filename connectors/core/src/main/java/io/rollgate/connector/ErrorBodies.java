package io.rollgate.connector;

import java.time.Clock;
import java.util.function.Function;

/**
 * How one outside system's error answer becomes a typed failure. The default reads no structure and
 * keeps the status; connectors supply one that parses their error envelope and picks their own
 * {@link NonRetryableException} subclasses.
 */
@FunctionalInterface
public interface ErrorBodies {

  ConnectorException map(
      String system, int status, Function<String, String> headers, String body, Clock clock);

  /** Uses the raw body (shortened) as the message; retryability as {@link HttpFailures} decides. */
  static ErrorBodies plain() {
    return (system, status, headers, body, clock) ->
        HttpFailures.fromStatus(system, status, headers, summary(body), clock);
  }

  /** Extracts a message from the body with {@code messageOf}; retryability as usual. */
  static ErrorBodies withMessage(Function<String, String> messageOf) {
    return (system, status, headers, body, clock) ->
        HttpFailures.fromStatus(system, status, headers, messageOf.apply(body), clock);
  }

  /** An error body on one line, cut at 300 characters: for bodies that are not structured. */
  public static String summary(String body) {
    String oneLine = body == null ? "" : body.replaceAll("\\s+", " ").trim();
    return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
  }
}
