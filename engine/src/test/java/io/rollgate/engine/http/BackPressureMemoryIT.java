package io.rollgate.engine.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.rollgate.engine.api.Json;
import io.rollgate.engine.journal.Journal;
import io.rollgate.engine.journal.SnapshotStore;
import io.rollgate.engine.processor.Command;
import io.rollgate.engine.processor.CommandProcessor;
import io.rollgate.engine.processor.EngineClock;
import io.rollgate.engine.state.State;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A flood of large requests is turned away before it can fill the heap: the bytes of the requests
 * waiting for their answers stay under a bound, and every request taken is carried out.
 */
class BackPressureMemoryIT {
  private static final int VARIABLE_BYTES = 200 * 1024;
  private static final long MAX_QUEUED_BYTES = 2L * 1024 * 1024;
  private static final int FLOOD = 150;

  @TempDir Path data;

  @Test
  void aFloodOfLargeCreatesIsTurnedAwayWithinTheByteBoundAndEveryAcceptedInstanceCompletes()
      throws Exception {
    CommandProcessor processor =
        new CommandProcessor(
            Journal.open(data.resolve("journal")),
            SnapshotStore.open(data.resolve("snapshots")),
            100_000,
            new EngineClock(Clock.systemUTC()),
            50);
    try (RestServer server =
        new RestServer("127.0.0.1", 0, processor, Authenticator.none(), MAX_QUEUED_BYTES)) {
      // given
      String xml =
          Bpmn.convertToString(
              Bpmn.createExecutableProcess("flood").startEvent().endEvent().done());
      processor
          .submit(
              new Command.Deploy(
                  List.of(new Command.Resource("flood.bpmn", xml.getBytes(StandardCharsets.UTF_8))),
                  null))
          .get(10, TimeUnit.SECONDS);
      HttpClient http =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(5))
              .build();
      String body =
          "{\"processDefinitionId\":\"flood\",\"variables\":{\"payload\":\""
              + "x".repeat(VARIABLE_BYTES)
              + "\"}}";
      URI create = URI.create("http://127.0.0.1:" + server.port() + "/v2/process-instances");

      // when many clients create instances with large variables at once
      List<CompletableFuture<HttpResponse<String>>> flood = new ArrayList<>();
      for (int i = 0; i < FLOOD; i++) {
        flood.add(
            http.sendAsync(
                HttpRequest.newBuilder(create)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString()));
      }
      Set<Long> accepted = new HashSet<>();
      int rejected = 0;
      for (CompletableFuture<HttpResponse<String>> future : flood) {
        HttpResponse<String> response = future.get(60, TimeUnit.SECONDS);
        JsonNode json = Json.MAPPER.readTree(response.body());
        if (response.statusCode() == 503) {
          assertThat(json.path("title").asText()).isEqualTo("RESOURCE_EXHAUSTED");
          rejected++;
        } else {
          assertThat(response.statusCode()).isEqualTo(200);
          accepted.add(json.path("processInstanceKey").asLong());
        }
      }

      // then part of the flood was turned away, and never more than the bound (plus the one
      // request that may pass it when it arrives alone) waited for an answer
      assertThat(rejected).as("requests turned away").isPositive();
      assertThat(accepted).as("requests taken").isNotEmpty();
      assertThat(server.peakQueuedBytes()).isLessThanOrEqualTo(MAX_QUEUED_BYTES + body.length());

      // and every request taken created an instance that completed, and no other exists
      Set<Long> completed =
          processor
              .read(
                  state -> {
                    Set<Long> keys = new HashSet<>();
                    state.processInstances.values().stream()
                        .filter(p -> p.state == State.COMPLETED)
                        .forEach(p -> keys.add(p.key));
                    return keys;
                  })
              .get(10, TimeUnit.SECONDS);
      assertThat(completed).isEqualTo(accepted);
    } finally {
      processor.close();
    }
  }
}
