package io.rollgate.app.release;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rollgate.app.support.Cab;
import io.rollgate.app.support.ReleaseRequests;
import io.rollgate.app.support.RunningService;
import io.rollgate.sandbox.launcher.Sandbox;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Many pipelines waiting on one gate: none holds a service thread while it waits, and all learn of
 * the verdict as soon as it is recorded.
 */
class GateLongPollIT extends RunningService {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int PIPELINES = 200;
  private static final int BATCH = 10;

  /** Each pipeline's wait: far longer than the verdict takes, even on a loaded machine. */
  private static final Duration WAIT = Duration.ofMinutes(5);

  @Autowired private Sandbox sandbox;
  @Autowired private GateSignals signals;

  /** A long poll's answer and when it arrived. */
  record Arrival(JsonNode body, int status, Instant at) {}

  @Test
  void twoHundredWaitingPipelinesAreAnsweredAtTheVerdictWithoutAThreadEach() throws Exception {
    // given: a normal change waiting for the CAB
    String pipeline = token("many-waiters", "pipeline");
    Map<String, Object> body = ReleaseRequests.request("checkout", "9.0.0");
    body.put("commitSha", ReleaseRequests.greenCommit(sandbox));
    String id = startRelease(pipeline, body);
    String number = Cab.awaitChangeOf(sandbox, id);
    InProcessGateSignals inProcess = (InProcessGateSignals) signals;
    int waitingBefore = inProcess.waiting();
    ExecutorService clientThreads = Executors.newFixedThreadPool(2);
    HttpClient client = HttpClient.newBuilder().executor(clientThreads).build();
    int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();

    // when
    List<CompletableFuture<Arrival>> polls = new ArrayList<>();
    for (int i = 0; i < PIPELINES; i++) {
      HttpRequest poll =
          HttpRequest.newBuilder(uri("/api/v1/releases/" + id + "/gates/cab?wait=" + WAIT))
              .header("Authorization", "Bearer " + pipeline)
              .timeout(WAIT.plusMinutes(1))
              .build();
      polls.add(
          client
              .sendAsync(poll, HttpResponse.BodyHandlers.ofString())
              .thenApply(r -> new Arrival(json(r.body()), r.statusCode(), Instant.now())));
      if (polls.size() % BATCH == 0) {
        // pipelines arrive over a moment, not in one burst that would size the request pool
        awaitWaiting(inProcess, waitingBefore + polls.size());
      }
    }
    awaitWaiting(inProcess, waitingBefore + PIPELINES);
    int threadsWhileWaiting = ManagementFactory.getThreadMXBean().getThreadCount();
    Cab.approveWhenAsked(sandbox, number);
    CompletableFuture.allOf(polls.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);

    // then
    assertThat(threadsWhileWaiting - threadsBefore)
        .as("threads added while %d pipelines wait: %s", PIPELINES, threadNames())
        .isLessThan(PIPELINES / 4);
    for (CompletableFuture<Arrival> poll : polls) {
      Arrival arrival = poll.get();
      assertThat(arrival.status()).isEqualTo(200);
      assertThat(arrival.body().path("status").asText()).isEqualTo("DECIDED");
      assertThat(arrival.body().path("verdict").asText()).isEqualTo("APPROVED");
      Instant decidedAt = Instant.parse(arrival.body().path("decidedAt").asText());
      assertThat(Duration.between(decidedAt, arrival.at()))
          .as("answered at the verdict, not at the end of its %s wait", WAIT)
          .isLessThan(WAIT.dividedBy(5));
    }
    clientThreads.shutdownNow();
  }

  private static String threadNames() {
    return Thread.getAllStackTraces().keySet().stream()
        .map(t -> t.getName().replaceAll("\\d+", "#"))
        .collect(
            java.util.stream.Collectors.groupingBy(
                n -> n, java.util.TreeMap::new, java.util.stream.Collectors.counting()))
        .toString();
  }

  private static void awaitWaiting(InProcessGateSignals signals, int expected)
      throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(60);
    while (signals.waiting() < expected) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(signals.waiting() + " waiting, not " + expected);
      }
      Thread.sleep(20);
    }
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (java.io.IOException e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }
}
