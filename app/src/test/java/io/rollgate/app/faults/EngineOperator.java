package io.rollgate.app.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An operator at the engine's Camunda 8 REST API, as with Operate: reads a release's incidents and
 * the user tasks it waits in.
 */
final class EngineOperator {

  /** An incident as the engine shows it. */
  record Incident(String key, String type, String message, String elementId) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final URI engine;

  EngineOperator(URI engine) {
    this.engine = engine;
  }

  /** The process instance's open incidents. */
  List<Incident> incidents(long processInstanceKey) {
    JsonNode found =
        send(
            "POST",
            "/v2/incidents/search",
            Map.of(
                "filter",
                Map.of(
                    "processInstanceKey", String.valueOf(processInstanceKey), "state", "ACTIVE")));
    List<Incident> incidents = new ArrayList<>();
    for (JsonNode i : found.path("items")) {
      incidents.add(
          new Incident(
              i.path("incidentKey").asText(),
              i.path("errorType").asText(),
              i.path("errorMessage").asText(),
              i.path("elementId").asText()));
    }
    return incidents;
  }

  /** Names of the process instance's user tasks waiting for a person. */
  List<String> openUserTasks(long processInstanceKey) {
    JsonNode found =
        send(
            "POST",
            "/v2/user-tasks/search",
            Map.of(
                "filter",
                Map.of(
                    "processInstanceKey", String.valueOf(processInstanceKey), "state", "CREATED")));
    List<String> tasks = new ArrayList<>();
    for (JsonNode task : found.path("items")) {
      tasks.add(task.path("name").asText(task.path("elementId").asText()));
    }
    return tasks;
  }

  /** Waits for the process instance's first incident. */
  Incident awaitIncident(long processInstanceKey, Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      List<Incident> open = incidents(processInstanceKey);
      if (!open.isEmpty()) {
        return open.get(0);
      }
      Thread.sleep(250);
    }
    throw new AssertionError("no incident on " + processInstanceKey + " within " + timeout);
  }

  private JsonNode send(String method, String path, Object body) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(engine.resolve(path))
              .header("Content-Type", "application/json")
              .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
              .timeout(Duration.ofSeconds(30))
              .build();
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() >= 300) {
        throw new AssertionError(
            method + " " + path + " answered " + response.statusCode() + ": " + response.body());
      }
      return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
