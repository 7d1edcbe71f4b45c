package io.rollgate.app.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** A release's Server-Sent Events as a pipeline reads them, until the service ends the stream. */
public final class EventStream {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private EventStream() {}

  /** One event as the stream sent it. */
  public record Event(String id, String name, JsonNode data) {}

  /**
   * Reads {@code /api/v1/releases/{id}/events} at {@code events} until the server ends it (after
   * the release's last event).
   *
   * @param lastEventId resumes after this event; null for the whole timeline
   */
  public static List<Event> read(URI events, String token, String lastEventId, Duration timeout)
      throws IOException, InterruptedException {
    return read(events, token, lastEventId, timeout, event -> false);
  }

  /**
   * Reads the whole timeline at {@code events} until an event matches {@code until}, or the server
   * ends the stream.
   */
  public static List<Event> readUntil(
      URI events, String token, Predicate<Event> until, Duration timeout)
      throws IOException, InterruptedException {
    return read(events, token, null, timeout, until);
  }

  private static List<Event> read(
      URI events, String token, String lastEventId, Duration timeout, Predicate<Event> until)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(events)
            .header("Authorization", "Bearer " + token)
            .header("Accept", "text/event-stream")
            .timeout(timeout);
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    HttpResponse<Stream<String>> response =
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofLines());
    String type = response.headers().firstValue("Content-Type").orElse("");
    if (response.statusCode() != 200 || !type.startsWith("text/event-stream")) {
      throw new AssertionError(
          "not an event stream: " + response.statusCode() + " " + type + " from " + events);
    }
    List<Event> read = new ArrayList<>();
    String id = null;
    String name = null;
    StringBuilder data = new StringBuilder();
    for (String line : (Iterable<String>) response.body()::iterator) {
      if (line.isEmpty()) {
        if (!data.isEmpty()) {
          read.add(new Event(id, name, JSON.readTree(data.toString())));
          if (until.test(read.get(read.size() - 1))) {
            response.body().close();
            return read;
          }
        }
        id = null;
        name = null;
        data.setLength(0);
      } else if (line.startsWith("id:")) {
        id = line.substring(3).trim();
      } else if (line.startsWith("event:")) {
        name = line.substring(6).trim();
      } else if (line.startsWith("data:")) {
        data.append(line.substring(5));
      }
    }
    return read;
  }
}
