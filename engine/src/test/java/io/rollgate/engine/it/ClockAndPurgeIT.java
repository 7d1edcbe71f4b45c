package io.rollgate.engine.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.rollgate.engine.RollgateEngine;
import io.rollgate.engine.testing.TestEngine;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine clock (pinned, moved, reset) and the purge that tests use between runs. */
class ClockAndPurgeIT {
  private static final Instant RELEASE_DAY = Instant.parse("2030-01-15T09:00:00Z");

  @TempDir Path data;
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  private RollgateEngine start() {
    return RollgateEngine.builder().dataDirectory(data).build().start();
  }

  private JsonNode call(RollgateEngine engine, String method, String path, String body)
      throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(engine.restAddress() + path))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json.readTree(response.body());
  }

  private static void deployWorkProcess(CamundaClient client) {
    client
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess("timed")
                .startEvent()
                .serviceTask("work", t -> t.zeebeJobType("timed-work"))
                .endEvent()
                .done(),
            "timed.bpmn")
        .send()
        .join();
  }

  @Test
  void pinnedClockStampsInstancesAndSurvivesARestart() throws Exception {
    try (RollgateEngine engine = start();
        CamundaClient client = TestEngine.newClient(engine.restAddress())) {
      // given
      client.newPinClockCommand().time(RELEASE_DAY).send().join();
      deployWorkProcess(client);

      // when
      long instance = new Processes(client).start("timed", Map.of());

      // then
      var startDate = client.newProcessInstanceGetRequest(instance).send().join().getStartDate();
      assertThat(OffsetDateTime.parse(startDate.toString()).toInstant()).isEqualTo(RELEASE_DAY);
      assertThat(call(engine, "GET", "/actuator/clock", null).get("epochMilli").asLong())
          .isEqualTo(RELEASE_DAY.toEpochMilli());
    }
    try (RollgateEngine engine = start()) {
      assertThat(call(engine, "GET", "/actuator/clock", null).get("instant").asText())
          .isEqualTo(RELEASE_DAY.toString());
    }
  }

  @Test
  void movingTheClockTimesOutHeldJobsAndEndsBackOffs() throws Exception {
    try (RollgateEngine engine = start();
        CamundaClient client = TestEngine.newClient(engine.restAddress())) {
      // given
      deployWorkProcess(client);
      Processes processes = new Processes(client);
      processes.start("timed", Map.of());
      processes.start("timed", Map.of());
      ActivatedJob held =
          client
              .newActivateJobsCommand()
              .jobType("timed-work")
              .maxJobsToActivate(1)
              .timeout(Duration.ofMinutes(10))
              .send()
              .join()
              .getJobs()
              .get(0);
      ActivatedJob failing = processes.activateOne("timed-work");
      client.newFailCommand(failing).retries(2).retryBackoff(Duration.ofHours(1)).send().join();
      assertThat(processes.activate("timed-work", 5)).isEmpty();

      // when
      JsonNode moved = call(engine, "POST", "/actuator/clock/add", "{\"offsetMilli\":3660000}");

      // then
      assertThat(moved.get("epochMilli").asLong())
          .isGreaterThan(System.currentTimeMillis() + 3_600_000);
      assertThat(processes.activate("timed-work", 5))
          .extracting(ActivatedJob::getKey)
          .containsExactlyInAnyOrder(held.getKey(), failing.getKey());

      // when
      call(engine, "DELETE", "/actuator/clock", null);

      // then
      assertThat(call(engine, "GET", "/actuator/clock", null).get("epochMilli").asLong())
          .isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(5_000L));
    }
  }

  @Test
  void purgeLeavesAnEmptyEngineAndReportsTheCompletedChange() throws Exception {
    try (RollgateEngine engine = start();
        CamundaClient client = TestEngine.newClient(engine.restAddress())) {
      // given
      deployWorkProcess(client);
      new Processes(client).start("timed", Map.of());
      var waiting =
          client
              .newActivateJobsCommand()
              .jobType("nothing-yet")
              .maxJobsToActivate(1)
              .requestTimeout(Duration.ofSeconds(8))
              .send();

      // when
      long changeId =
          call(engine, "POST", "/actuator/cluster/purge", null).get("changeId").asLong();

      // then
      assertThat(waiting.join().getJobs()).isEmpty();
      assertThat(
              Long.parseLong(
                  call(engine, "GET", "/v2/topology", null).get("lastCompletedChangeId").asText()))
          .isGreaterThanOrEqualTo(changeId);
      assertThat(client.newProcessInstanceSearchRequest().send().join().items()).isEmpty();
      assertThat(client.newProcessDefinitionSearchRequest().send().join().items()).isEmpty();
      deployWorkProcess(client);
      assertThat(client.newProcessDefinitionSearchRequest().send().join().items())
          .singleElement()
          .satisfies(d -> assertThat(d.getVersion()).isEqualTo(1));
    }
  }

  @Test
  void aWaitingPollEndsInRealTimeEvenWhileTheClockIsPinned() {
    try (RollgateEngine engine = start();
        CamundaClient client = TestEngine.newClient(engine.restAddress())) {
      // given
      client.newPinClockCommand().time(RELEASE_DAY).send().join();
      long started = System.nanoTime();

      // when
      var jobs =
          client
              .newActivateJobsCommand()
              .jobType("never-there")
              .maxJobsToActivate(1)
              .requestTimeout(Duration.ofMillis(500))
              .send()
              .join()
              .getJobs();

      // then
      assertThat(jobs).isEmpty();
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }
  }
}
