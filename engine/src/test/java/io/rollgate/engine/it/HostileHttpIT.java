package io.rollgate.engine.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.rollgate.engine.testing.RollgateEngineTest;
import io.rollgate.engine.testing.TestEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a web page in a developer's browser, a careless client or a flood of sockets sends to the
 * engine's REST API on loopback: refused with a problem, and the engine goes on serving.
 */
@RollgateEngineTest
class HostileHttpIT {
  static TestEngine ENGINE;

  /** Small connection limits, so that a few thousand sockets exceed them. */
  private static TestEngine LIMITED;

  @BeforeAll
  static void startLimited() {
    LIMITED =
        TestEngine.start(
            builder ->
                builder
                    .maxConnections(500)
                    .idleTimeout(Duration.ofSeconds(3))
                    .requestReadTimeout(Duration.ofSeconds(1)));
  }

  @AfterAll
  static void stopLimited() {
    LIMITED.close();
  }

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void aTextPlainBodyIsRefusedWith415AndChangesNothing() throws Exception {
    // given
    deployAliveProcess();

    // when
    HttpResponse<String> purge = post("/actuator/cluster/purge", "{}", "text/plain");
    HttpResponse<String> create =
        post("/v2/process-instances", "{\"processDefinitionId\":\"alive\"}", "text/plain");

    // then
    assertThat(problem(purge, 415).get("detail").asText()).contains("application/json");
    problem(create, 415);
    assertDeploymentKept();
    assertEngineAlive();
  }

  @Test
  void aCrossSiteOriginCannotPurgeOrMoveTheClock() throws Exception {
    // given
    deployAliveProcess();

    // when
    String purge =
        raw(
            ENGINE.restAddress(),
            "POST /actuator/cluster/purge HTTP/1.1\r\nHost: 127.0.0.1:"
                + ENGINE.restAddress().getPort()
                + "\r\nOrigin: http://evil.example\r\nContent-Type: application/json\r\n"
                + "Content-Length: 2\r\nConnection: close\r\n\r\n{}");
    String clock =
        raw(
            ENGINE.restAddress(),
            "PUT /v2/clock HTTP/1.1\r\nHost: 127.0.0.1:"
                + ENGINE.restAddress().getPort()
                + "\r\nOrigin: null\r\nContent-Type: application/json\r\n"
                + "Content-Length: 17\r\nConnection: close\r\n\r\n{\"timestamp\":1000}");

    // then
    assertThat(purge).startsWith("HTTP/1.1 403").contains("application/problem+json");
    assertThat(clock).startsWith("HTTP/1.1 403").contains("Cross-origin");
    assertClockNotMoved();
    assertDeploymentKept();
    assertEngineAlive();
  }

  @Test
  void aRequestFromTheEnginesOwnOriginIsServed() throws Exception {
    // when
    String answer =
        raw(
            ENGINE.restAddress(),
            "GET /v2/topology HTTP/1.1\r\nHost: 127.0.0.1:"
                + ENGINE.restAddress().getPort()
                + "\r\nOrigin: http://127.0.0.1:"
                + ENGINE.restAddress().getPort()
                + "\r\nConnection: close\r\n\r\n");

    // then
    assertThat(answer).startsWith("HTTP/1.1 200").contains("brokers");
  }

  @Test
  void aReboundHostNameCannotPurgeOrMoveTheClock() throws Exception {
    // given: evil.example resolves to 127.0.0.1 after the page loaded (DNS rebinding)
    deployAliveProcess();
    String host = "Host: evil.example:" + ENGINE.restAddress().getPort();

    // when
    String purge =
        raw(
            ENGINE.restAddress(),
            "POST /actuator/cluster/purge HTTP/1.1\r\n"
                + host
                + "\r\nContent-Type: application/json\r\nContent-Length: 2\r\n"
                + "Connection: close\r\n\r\n{}");
    String clock =
        raw(
            ENGINE.restAddress(),
            "PUT /v2/clock HTTP/1.1\r\n"
                + host
                + "\r\nContent-Type: application/json\r\nContent-Length: 17\r\n"
                + "Connection: close\r\n\r\n{\"timestamp\":1000}");

    // then
    assertThat(purge).startsWith("HTTP/1.1 403").contains("evil.example");
    assertThat(clock).startsWith("HTTP/1.1 403");
    assertClockNotMoved();
    assertDeploymentKept();
    assertEngineAlive();
  }

  @Test
  void sixteenMebibytesOfVariablesAreRefusedWithAProblem() throws Exception {
    // given
    deployAliveProcess();
    String variables =
        "{\"processDefinitionId\":\"alive\",\"variables\":{\"blob\":\""
            + "x".repeat(16 * 1024 * 1024)
            + "\"}}";

    // when
    HttpResponse<String> response = post("/v2/process-instances", variables, "application/json");

    // then
    assertThat(problem(response, 413).get("detail").asText()).contains("4 MiB");
    assertEngineAlive();
  }

  @Test
  void aBodyOverTheRequestLimitGetsAProblemDocument() throws Exception {
    // given
    byte[] body = new byte[17 * 1024 * 1024];

    // when
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(ENGINE.restAddress() + "/v2/deployments"))
                .header("Content-Type", "multipart/form-data; boundary=x")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    // then
    assertThat(problem(response, 413).get("detail").asText()).contains("16 MiB");
    assertEngineAlive();
  }

  @Test
  void aClientWaitingFor100ContinueOnAnOversizedBodyGetsAProblemDocument() throws Exception {
    // when: curl announces bodies over 1 MiB this way and waits before sending them
    String answer =
        raw(
            ENGINE.restAddress(),
            "POST /v2/process-instances HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nContent-Length: "
                + (17 * 1024 * 1024)
                + "\r\nExpect: 100-continue\r\n\r\n");

    // then
    assertThat(answer)
        .startsWith("HTTP/1.1 413")
        .contains("application/problem+json")
        .contains("4 MiB");
    assertEngineAlive();
  }

  @Test
  void aConnectionKeptAfterA413ServesTheNextRequest() throws Exception {
    // given: 5 MiB of JSON, over the 4 MiB limit, sent in full on a kept-alive connection
    URI rest = LIMITED.restAddress();
    int size = 5 * 1024 * 1024;
    try (Socket socket = new Socket(rest.getHost(), rest.getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /v2/process-instances HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                  + "Content-Type: application/json\r\nContent-Length: "
                  + size
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.UTF_8));
      out.write(new byte[size]);
      out.flush();
      String refused = readResponse(socket.getInputStream());

      // when: the connection rests longer than the 1 s request read timeout (less than the 3 s
      // idle timeout), then is used again
      Thread.sleep(1_500);
      out.write(
          "GET /v2/topology HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
      String next = readResponse(socket.getInputStream());

      // then
      assertThat(refused).startsWith("HTTP/1.1 413").contains("application/problem+json");
      assertThat(next).startsWith("HTTP/1.1 200").contains("brokers");
    }
  }

  /** Reads one response: its head and as many body bytes as Content-Length says. */
  private static String readResponse(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int c = in.read();
      if (c < 0) {
        throw new IOException("connection closed after: " + head);
      }
      head.append((char) c);
    }
    java.util.regex.Matcher length =
        java.util.regex.Pattern.compile("(?i)content-length: (\\d+)").matcher(head);
    int bodyLength = length.find() ? Integer.parseInt(length.group(1)) : 0;
    return head + new String(in.readNBytes(bodyLength), StandardCharsets.UTF_8);
  }

  @Test
  void aNumberWhereTextBelongsIsA400() throws Exception {
    // when
    HttpResponse<String> response =
        post("/v2/process-instances", "{\"processDefinitionId\":123}", "application/json");

    // then
    assertThat(problem(response, 400).get("detail").asText()).contains("processDefinitionId");
    assertEngineAlive();
  }

  @Test
  void theLargestJobTimeoutKeepsTheJobLockedInsteadOfOverflowing() {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("long-held")
            .startEvent()
            .serviceTask("hold", t -> t.zeebeJobType("long-held"))
            .endEvent()
            .done());
    ENGINE
        .client()
        .newCreateInstanceCommand()
        .bpmnProcessId("long-held")
        .latestVersion()
        .send()
        .join();

    // when
    List<java.time.Instant> first = activate("long-held", Long.MAX_VALUE);
    List<java.time.Instant> second = activate("long-held", 60_000);

    // then
    assertThat(first).hasSize(1);
    assertThat(first.get(0)).isAfter(java.time.Instant.now().plus(Duration.ofDays(365)));
    assertThat(second).isEmpty();
    assertEngineAlive();
  }

  @Test
  void thousandsOfIdleSocketsDoNotLockClientsOut() throws Exception {
    // given: 3,000 idle connections against a limit of 500 (fd limits here allow a few thousand)
    URI rest = LIMITED.restAddress();
    List<Socket> idle = new ArrayList<>();
    try {
      for (int i = 0; i < 3_000; i++) {
        idle.add(new Socket(rest.getHost(), rest.getPort()));
      }

      // when / then: a new client is served at once
      HostileModelsIT.assertEngineAlive(rest, LIMITED.client());
    } finally {
      for (Socket socket : idle) {
        socket.close();
      }
    }
  }

  @Test
  void anIdleConnectionIsClosedAfterTheIdleTimeout() throws Exception {
    // given
    URI rest = LIMITED.restAddress();
    try (Socket socket = new Socket(rest.getHost(), rest.getPort())) {
      socket.setSoTimeout(10_000);

      // when: it sends nothing for longer than the 3 s idle timeout
      int read = socket.getInputStream().read();

      // then: the engine closed it
      assertThat(read).isEqualTo(-1);
    }
    HostileModelsIT.assertEngineAlive(rest, LIMITED.client());
  }

  @Test
  void aRequestThatTrickles408sAfterTheReadTimeout() throws Exception {
    // given
    URI rest = LIMITED.restAddress();
    try (Socket socket = new Socket(rest.getHost(), rest.getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();

      // when: the headers start but never end
      out.write(
          "GET /v2/topology HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

      // then
      assertThat(answer).startsWith("HTTP/1.1 408").contains("application/problem+json");
    }
    HostileModelsIT.assertEngineAlive(rest, LIMITED.client());
  }

  /** Activates over HTTP, so the timeout is sent as written; returns the jobs' deadlines. */
  private List<java.time.Instant> activate(String type, long timeoutMillis) {
    try {
      HttpResponse<String> response =
          post(
              "/v2/jobs/activation",
              "{\"type\":\""
                  + type
                  + "\",\"maxJobsToActivate\":1,\"timeout\":"
                  + timeoutMillis
                  + ",\"requestTimeout\":100}",
              "application/json");
      assertThat(response.statusCode()).isEqualTo(200);
      JsonNode jobs = json.readTree(response.body()).get("jobs");
      List<java.time.Instant> activated = new ArrayList<>();
      for (JsonNode job : jobs) {
        activated.add(java.time.Instant.ofEpochMilli(job.get("deadline").asLong()));
      }
      return activated;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** The engine clock still reads about now, not the pinned 1970 instant. */
  private void assertClockNotMoved() throws Exception {
    long engineNow = json.readTree(get("/actuator/clock").body()).get("epochMilli").asLong();
    assertThat(engineNow).isGreaterThan(System.currentTimeMillis() - 60_000);
  }

  /** The purge did not happen: what was deployed is still there. */
  private void assertDeploymentKept() {
    assertThat(
            ENGINE
                .client()
                .newProcessDefinitionSearchRequest()
                .filter(f -> f.processDefinitionId("alive"))
                .send()
                .join()
                .items())
        .isNotEmpty();
  }

  private void deployAliveProcess() {
    ENGINE.deploy(Bpmn.createExecutableProcess("alive").startEvent().endEvent().done());
  }

  private void assertEngineAlive() {
    HostileModelsIT.assertEngineAlive(ENGINE.restAddress(), ENGINE.client());
  }

  private HttpResponse<String> post(String path, String body, String contentType) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(ENGINE.restAddress() + path))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(ENGINE.restAddress() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode problem(HttpResponse<String> response, int status) throws Exception {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode body = json.readTree(response.body());
    assertThat(body.get("status").asInt()).isEqualTo(status);
    return body;
  }

  /** Sends raw HTTP, so that Host and Origin are what a browser would send, and reads it all. */
  private static String raw(URI rest, String request) throws Exception {
    try (Socket socket = new Socket(rest.getHost(), rest.getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
