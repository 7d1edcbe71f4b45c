package io.rollgate.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Follows a release's Server-Sent Events until its {@code release-ended} event. A dropped
 * connection is reopened with {@code Last-Event-ID}, so no event is missed or seen twice; nothing
 * is reported that the stream did not send.
 */
final class EventFollower {

  /** One event: its SSE id, its type and its JSON data. */
  record Event(String id, String type, JsonNode data) {}

  static final String RELEASE_ENDED = "release-ended";

  private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

  private final GateApi api;
  private final Consumer<String> log;
  private volatile InputStream open;
  private volatile String lastEventId;

  EventFollower(GateApi api, Consumer<String> log) {
    this.api = api;
    this.log = log;
  }

  /**
   * @return the release-ended event
   * @throws CliException exit 3 when the timeout runs out first; exit 2 when the service refuses
   */
  Event follow(String releaseId, Duration timeout, Consumer<Event> onEvent) {
    CompletableFuture<Event> ended = new CompletableFuture<>();
    Instant deadline = Instant.now().plus(timeout);
    Thread reader =
        new Thread(
            () -> {
              try {
                ended.complete(readUntilEnd(releaseId, deadline, onEvent));
              } catch (Throwable e) {
                ended.completeExceptionally(e);
              }
            },
            "rollgate-events");
    reader.setDaemon(true);
    reader.start();
    try {
      return ended.get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      reader.interrupt();
      closeQuietly();
      throw new CliException(
          ExitCode.TIMED_OUT,
          "release " + releaseId + " did not end within " + Durations.format(timeout));
    } catch (ExecutionException e) {
      if (e.getCause() instanceof CliException cli) {
        throw cli;
      }
      throw new CliException(ExitCode.ERROR, "following the release failed: " + e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(ExitCode.ERROR, "interrupted");
    }
  }

  private Event readUntilEnd(String releaseId, Instant deadline, Consumer<Event> onEvent)
      throws InterruptedException {
    Duration backoff = FIRST_BACKOFF;
    while (Instant.now().isBefore(deadline)) {
      try {
        open = api.events(releaseId, lastEventId);
        Event last = read(open, onEvent);
        if (last != null) {
          return last;
        }
        backoff = FIRST_BACKOFF;
        log.accept("the event stream closed; reconnecting after event " + lastEventId);
      } catch (IOException | GateApi.Unreachable e) {
        log.accept(
            "the connection to the service dropped ("
                + e.getMessage()
                + "); reconnecting in "
                + Durations.format(backoff));
        Thread.sleep(backoff.toMillis());
        backoff =
            backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
                ? MAX_BACKOFF
                : backoff.multipliedBy(2);
      } finally {
        closeQuietly();
      }
    }
    // the caller's timeout reports it
    Thread.sleep(Long.MAX_VALUE);
    return null;
  }

  /** Reads events until the release ended (returned) or the stream ends (null). */
  private Event read(InputStream in, Consumer<Event> onEvent) throws IOException {
    BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String id = null;
    String type = null;
    StringBuilder data = new StringBuilder();
    String line;
    while ((line = lines.readLine()) != null) {
      if (line.isEmpty()) {
        if (!data.isEmpty()) {
          Event event =
              new Event(id, type == null ? "message" : type, GateApi.readJson(data.toString()));
          if (id != null) {
            lastEventId = id;
          }
          onEvent.accept(event);
          if (RELEASE_ENDED.equals(event.type())) {
            return event;
          }
        }
        id = null;
        type = null;
        data.setLength(0);
      } else if (line.startsWith(":")) {
        continue;
      } else if (line.startsWith("id:")) {
        id = field(line, 3);
      } else if (line.startsWith("event:")) {
        type = field(line, 6);
      } else if (line.startsWith("data:")) {
        if (!data.isEmpty()) {
          data.append('\n');
        }
        data.append(field(line, 5));
      }
    }
    // a half-received event (no blank line after it) is dropped: it is sent again on reconnect
    return null;
  }

  private static String field(String line, int from) {
    String value = line.substring(from);
    return value.startsWith(" ") ? value.substring(1) : value;
  }

  private void closeQuietly() {
    InputStream in = open;
    if (in != null) {
      try {
        in.close();
      } catch (IOException ignored) {
        // closing a dropped stream
      }
    }
  }
}
