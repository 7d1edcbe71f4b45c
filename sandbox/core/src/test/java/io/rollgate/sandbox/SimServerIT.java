package io.rollgate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SimServerIT {

  private SimServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() {
    server =
        SimServer.builder("things")
            .route(
                "GET",
                "/api/things/{id}",
                req ->
                    SimResponse.ok(
                        SimJson.object()
                            .put("id", req.pathParam("id"))
                            .put("view", req.query("view").orElse("none"))))
            .route(
                "POST",
                "/api/things",
                req -> {
                  String name = req.json().path("name").asText("");
                  if (name.isEmpty()) {
                    throw new SimProblem(400, "name is required");
                  }
                  return SimResponse.json(201, SimJson.object().put("name", name));
                })
            .route(
                "GET",
                "/stream",
                req ->
                    SimResponse.stream(
                        "text/event-stream",
                        out -> {
                          write(out, "event: put\ndata: {}\n\n");
                          write(out, "event: patch\ndata: {\"v\":2}\n\n");
                        }))
            .start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static void write(OutputStream out, String s) throws IOException {
    out.write(s.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  private HttpResponse<String> send(String method, String path, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUri() + path));
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void routesByMethodAndPathWithDecodedParameters() throws Exception {
    // when
    HttpResponse<String> r = send("GET", "/api/things/a%20b?view=full", null);
    // then
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"id\":\"a b\",\"view\":\"full\"}");
  }

  @Test
  void answersUnknownPathsAndMethodsAndRefusalsInTheErrorShape() throws Exception {
    assertThat(send("GET", "/api/nothing", null).statusCode()).isEqualTo(404);
    assertThat(send("DELETE", "/api/things/1", null).statusCode()).isEqualTo(405);
    HttpResponse<String> refused = send("POST", "/api/things", "{}");
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("\"detail\":\"name is required\"");
    assertThat(send("POST", "/api/things", "not json").body()).contains("the body is not JSON");
  }

  @Test
  void appliesFaultsSetThroughTheAdminEndpointAndLogsWhatItAnswered() throws Exception {
    // given
    HttpResponse<String> set =
        send(
            "PUT",
            "/_sandbox/faults",
            "{\"failNext\":{\"count\":1,\"status\":429,\"retryAfterSeconds\":2}}");
    assertThat(set.statusCode()).isEqualTo(200);
    // when
    HttpResponse<String> throttled = send("GET", "/api/things/1", null);
    HttpResponse<String> served = send("GET", "/api/things/1", null);
    // then
    assertThat(throttled.statusCode()).isEqualTo(429);
    assertThat(throttled.headers().firstValue("Retry-After")).contains("2");
    assertThat(served.statusCode()).isEqualTo(200);
    assertThat(server.requests().entries())
        .extracting(RequestLog.Entry::status)
        .containsExactly(429, 200);
    assertThat(send("PUT", "/_sandbox/faults", "{\"nope\":1}").statusCode()).isEqualTo(400);
  }

  @Test
  void closesTheConnectionWithoutAnAnswerOnAReset() throws Exception {
    // given
    server.faults().set(new Faults.Spec(null, null, null, 1, null));
    // when / then (a POST, because the JDK client silently repeats a GET once)
    try {
      send("POST", "/api/things", "{\"name\":\"x\"}");
      org.junit.jupiter.api.Assertions.fail("expected the connection to close without an answer");
    } catch (IOException expected) {
      assertThat(server.requests().entries())
          .extracting(RequestLog.Entry::status)
          .containsExactly(0);
    }
  }

  @Test
  void streamsEventsAsTheHandlerWritesThem() throws Exception {
    // when
    var response =
        http.send(
            HttpRequest.newBuilder(URI.create(server.baseUri() + "/stream")).build(),
            HttpResponse.BodyHandlers.ofInputStream());
    // then
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      assertThat(reader.readLine()).isEqualTo("event: put");
      assertThat(reader.readLine()).isEqualTo("data: {}");
      assertThat(reader.readLine()).isEmpty();
      assertThat(reader.readLine()).isEqualTo("event: patch");
    }
  }

  @Test
  void servesAdminRoutesWithoutFaultsOrLogging() throws Exception {
    // given
    server.close();
    server =
        SimServer.builder("things")
            .adminRoute(
                "POST",
                "/things/{id}/approve",
                req -> SimResponse.ok(SimJson.object().put("approved", req.pathParam("id"))))
            .start();
    server.faults().set(new Faults.Spec(null, null, new Faults.FailNext(5, 503, null), null, null));
    // when
    HttpResponse<String> approved = send("POST", "/_sandbox/things/7/approve", null);
    HttpResponse<String> unknown = send("POST", "/_sandbox/things/7/reject", null);
    // then
    assertThat(approved.statusCode()).isEqualTo(200);
    assertThat(approved.body()).isEqualTo("{\"approved\":\"7\"}");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(server.requests().entries()).isEmpty();
  }
}
