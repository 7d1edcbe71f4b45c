package io.rollgate.engine.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.rollgate.engine.testing.RollgateEngineTest;
import io.rollgate.engine.testing.TestEngine;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Requests no well-behaved client sends, answered with problem documents; state stays intact. */
@RollgateEngineTest
class BadInputIT {
  static TestEngine ENGINE;

  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();

  private HttpResponse<String> send(String method, String path, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(ENGINE.restAddress() + path))
            .header("Content-Type", "application/json");
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode problem(HttpResponse<String> response, int status) throws Exception {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode body = json.readTree(response.body());
    assertThat(body.get("status").asInt()).isEqualTo(status);
    assertThat(body.get("title").asText()).isNotBlank();
    return body;
  }

  @Test
  void malformedJsonIsA400ThatSaysSo() throws Exception {
    JsonNode body =
        problem(send("POST", "/v2/process-instances", "{\"processDefinitionId\": "), 400);
    assertThat(body.get("detail").asText()).contains("not valid JSON");
    assertThat(body.get("instance").asText()).isEqualTo("/v2/process-instances");
  }

  @Test
  void unknownPropertyIsNamedWithTheValidOnes() throws Exception {
    JsonNode body =
        problem(
            send(
                "POST",
                "/v2/process-instances",
                "{\"processDefinitionId\":\"p\",\"varaibles\":{}}"),
            400);
    assertThat(body.get("detail").asText())
        .contains("Unknown property 'varaibles'")
        .contains("variables");
  }

  @Test
  void wrongTypeIsNamed() throws Exception {
    JsonNode body =
        problem(
            send(
                "POST",
                "/v2/process-instances",
                "{\"processDefinitionId\":\"p\",\"variables\":[1]}"),
            400);
    assertThat(body.get("detail").asText()).contains("'variables'").contains("JSON object");
  }

  @Test
  void nonNumericKeyInThePathIsA400() throws Exception {
    JsonNode body = problem(send("POST", "/v2/jobs/abc/completion", "{}"), 400);
    assertThat(body.get("detail").asText()).contains("'abc'").contains("64-bit number");
  }

  @Test
  void unknownEndpointIsA404AndWrongMethodA405() throws Exception {
    problem(send("GET", "/v2/nothing-here", null), 404);
    problem(send("DELETE", "/v2/topology", null), 405);
  }

  @Test
  void missingJobTypeOnActivationIsA400() throws Exception {
    JsonNode body =
        problem(
            send("POST", "/v2/jobs/activation", "{\"maxJobsToActivate\":1,\"timeout\":1000}"), 400);
    assertThat(body.get("detail").asText()).contains("type is required");
  }

  @Test
  void unknownKeysAreNotFound() throws Exception {
    problem(send("POST", "/v2/jobs/2251799813685999/completion", "{}"), 404);
    problem(send("POST", "/v2/incidents/2251799813685999/resolution", "{}"), 404);
    problem(send("GET", "/v2/process-instances/2251799813685999", null), 404);
    problem(send("POST", "/v2/process-instances/2251799813685999/cancellation", "{}"), 404);
  }

  @Test
  void rejectedRequestsLeaveAcceptedStateIntact() throws Exception {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("intact")
            .startEvent()
            .serviceTask("t", t -> t.zeebeJobType("intact"))
            .endEvent()
            .done());
    long instance =
        ENGINE
            .client()
            .newCreateInstanceCommand()
            .bpmnProcessId("intact")
            .latestVersion()
            .variables(Map.of("x", 1))
            .send()
            .join()
            .getProcessInstanceKey();

    // when
    send(
        "POST",
        "/v2/process-instances",
        "{\"processDefinitionId\":\"intact\",\"variables\":\"oops\"}");
    send(
        "PUT",
        "/v2/element-instances/" + instance + "/variables",
        "{\"variables\":{\"x\":2},\"bogus\":true}");
    send("POST", "/v2/deployments", "not multipart");

    // then
    assertThat(new Processes(ENGINE.client()).rootVariables(instance)).containsEntry("x", "1");
    assertThat(
            ENGINE
                .client()
                .newProcessInstanceSearchRequest()
                .filter(f -> f.processDefinitionId("intact"))
                .send()
                .join()
                .items())
        .hasSize(1);
  }
}
