package io.rollgate.connector.launchdarkly;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rollgate.sandbox.launchdarkly.EnvironmentSeed;
import io.rollgate.sandbox.launchdarkly.FlagSeed;
import io.rollgate.sandbox.launchdarkly.LaunchDarklySimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulator answers what the spec says LaunchDarkly answers, errors included. */
class SimulatorConformsToSpecIT {

  private static final String FLAG = "/api/v2/flags/rollgate/checkout-v2";
  private static final String APPROVALS =
      "/api/v2/projects/rollgate/flags/checkout-v2/environments/production/approval-requests";

  private final HttpClient http = HttpClient.newHttpClient();
  private LaunchDarklySimulator sim;

  @BeforeEach
  void start() {
    sim = LaunchDarklySimulator.start();
    sim.addEnvironment(EnvironmentSeed.of("rollgate", "staging"));
    sim.addEnvironment(EnvironmentSeed.of("rollgate", "production").requiringApproval());
    sim.seedFlag(FlagSeed.bool("rollgate", "checkout-v2"));
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  /** Sends the request and validates the exchange; returns the answer's body. */
  private String exchange(
      String method, String path, String contentType, String body, String token, int status)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(sim.baseUri() + path))
            .header("Authorization", token)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    SimpleRequest.Builder request =
        new SimpleRequest.Builder(method, URI.create(path).getPath())
            .withHeader("Authorization", token);
    String query = URI.create(path).getQuery();
    if (query != null) {
      for (String pair : query.split("&")) {
        String[] kv = pair.split("=", 2);
        request.withQueryParam(kv[0], kv[1]);
      }
    }
    if (contentType != null) {
      b.header("Content-Type", contentType);
      request.withContentType(contentType);
    }
    if (body != null) {
      request.withBody(body);
    }
    HttpResponse<String> response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("%s %s", method, path).isEqualTo(status);
    ValidationReport report =
        SpecValidator.validate(
            request.build(),
            SimpleResponse.Builder.status(response.statusCode())
                .withContentType(response.headers().firstValue("Content-Type").orElse(null))
                .withBody(response.body())
                .build());
    assertThat(report.getMessages()).as("%s %s -> %d", method, path, status).isEmpty();
    return response.body();
  }

  private String api(String method, String path, String contentType, String body, int status)
      throws Exception {
    return exchange(method, path, contentType, body, sim.apiToken(), status);
  }

  @Test
  void flagReadsAndSemanticPatchesAndTheirErrorsHaveTheSpecsShapes() throws Exception {
    // given
    String patch = LaunchDarklyApi.SEMANTIC_PATCH;
    // when / then (each exchange is validated as it happens)
    api("GET", FLAG + "?env=staging", null, null, 200);
    api(
        "PATCH",
        FLAG,
        patch,
        "{\"environmentKey\":\"staging\",\"instructions\":[{\"kind\":"
            + "\"updateFallthroughVariationOrRollout\",\"rolloutWeights\":"
            + "{\"checkout-v2-true\":10000,\"checkout-v2-false\":90000}}]}",
        200);
    api(
        "PATCH",
        FLAG,
        patch,
        "{\"environmentKey\":\"staging\",\"instructions\":[{\"kind\":\"updateOffVariation\","
            + "\"variationId\":\"nope\"}]}",
        400);
    api(
        "PATCH",
        FLAG,
        patch,
        "{\"environmentKey\":\"production\",\"instructions\":[{\"kind\":\"turnFlagOn\"}]}",
        405);
    sim.conflictOnNextPatches(1);
    api(
        "PATCH",
        FLAG,
        patch,
        "{\"environmentKey\":\"staging\",\"instructions\":[{\"kind\":\"turnFlagOn\"}]}",
        409);
    api("GET", "/api/v2/flags/rollgate/unknown", null, null, 404);
    exchange("GET", FLAG, null, null, "api-wrong", 401);
    sim.rateLimit(1, Duration.ofSeconds(5));
    api("GET", FLAG, null, null, 200);
    api("GET", FLAG, null, null, 429);
  }

  @Test
  void environmentsAndApprovalRequestsHaveTheSpecsShapes() throws Exception {
    // when / then (each exchange is validated as it happens)
    api("GET", "/api/v2/projects/rollgate/environments/production", null, null, 200);
    api("GET", APPROVALS, null, null, 200);
    api("GET", APPROVALS.replace("/production/", "/nope/"), null, null, 404);
    String created =
        api(
            "POST",
            APPROVALS,
            "application/json",
            "{\"description\":\"r-42 wave 1\",\"instructions\":[{\"kind\":\"turnFlagOn\"}]}",
            201);
    String id = new ObjectMapper().readTree(created).path("_id").asText();
    api("GET", APPROVALS + "/" + id, null, null, 200);
    String listed = api("GET", APPROVALS, null, null, 200);
    assertThat(new ObjectMapper().readTree(listed).path("items").findValuesAsText("_id"))
        .contains(id);
    api("POST", APPROVALS + "/" + id + "/apply", "application/json", "{}", 400);
    api(
        "POST",
        APPROVALS + "/" + id + "/reviews",
        "application/json",
        "{\"kind\":\"approve\",\"comment\":\"ok\"}",
        200);
    api("POST", APPROVALS + "/" + id + "/apply", "application/json", "{\"comment\":\"go\"}", 200);
  }
}
