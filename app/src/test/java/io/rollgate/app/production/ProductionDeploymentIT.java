package io.rollgate.app.production;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rollgate.app.support.GateApi;
import io.rollgate.app.support.PostgresSchema;
import io.rollgate.app.support.ProductionSystems;
import io.rollgate.app.support.RollgateInstance;
import io.rollgate.connector.launchdarkly.FlagRef;
import io.rollgate.connector.launchdarkly.FlagState;
import io.rollgate.connector.launchdarkly.LaunchDarklyClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The {@code production} profile as an operator deploys it: the engine in another process (the
 * stand-in for a Camunda 8 cluster), ServiceNow, LaunchDarkly and GitHub reached through their
 * URLs, PostgreSQL for the records. Nothing differs from the default profile but properties.
 */
@ExtendWith(OutputCaptureExtension.class)
class ProductionDeploymentIT {

  @RegisterExtension static final ProductionSystems systems = new ProductionSystems();

  private static RollgateInstance instance(PostgresSchema schema) {
    Map<String, String> p = systems.properties(schema);
    return RollgateInstance.start("production", p);
  }

  @Test
  void releasesThroughAClusterAndTheRealSystemsWithOnlyPropertiesChanged(CapturedOutput output)
      throws Exception {
    try (PostgresSchema schema = PostgresSchema.create();
        RollgateInstance rollgate = instance(schema)) {
      // given
      systems.world().sendApprovalsTo(rollgate.baseUri());
      GateApi admin = rollgate.api(ProductionSystems.BOOTSTRAP);
      GateApi pipeline = rollgate.api(admin.createToken("shop-pipeline", "pipeline"));

      // when
      JsonNode release =
          pipeline
              .post("/api/v1/releases", systems.world().releaseRequest("checkout", "3.0.0"))
              .ok();
      String id = release.path("id").asText();
      JsonNode ended = pipeline.awaitEnd(id, Duration.ofMinutes(2));

      // then: the record
      assertThat(ended.path("state").asText()).isEqualTo("RELEASED");
      assertThat(ended.path("gates").findValuesAsText("gate"))
          .contains("readiness", "cab", "rollout", "health-check");
      assertThat(admin.get("/api/v1/audit/verify").ok().path("intact").asBoolean()).isTrue();
      // and the outside world
      String number = ended.path("changeNumber").asText();
      JsonNode change = systems.world().sandbox().servicenow().change(number).orElseThrow();
      assertThat(change.path("state").path("display_value").asText()).isEqualTo("Closed");
      assertThat(change.path("close_code").path("value").asText()).isEqualTo("successful");
      FlagState flag =
          rollgate
              .bean(LaunchDarklyClient.class)
              .getFlag(FlagRef.of("rollgate", "checkout-v2", "test"));
      assertThat(flag.rolloutWeightsById().values()).contains(100000);
      // and no secret in the logs or in what actuator shows
      Map<String, String> settings = systems.properties(schema);
      List<String> secrets =
          List.of(
              settings.get("rollgate.launchdarkly.api-token"),
              settings.get("rollgate.launchdarkly.sdk-key"),
              settings.get("rollgate.webhooks.servicenow.secret"),
              ProductionSystems.BOOTSTRAP);
      String actuator =
          admin.get("/actuator/health").body().toString()
              + admin.get("/actuator/prometheus").body()
              + admin.get("/actuator/env").body()
              + admin.get("/actuator/configprops").body();
      for (String secret : secrets) {
        assertThat(output.getAll()).doesNotContain(secret);
        assertThat(actuator).doesNotContain(secret);
      }
    }
  }

  @Test
  void twoInstancesShareReleasesDecisionsAndWaits() throws Exception {
    try (PostgresSchema schema = PostgresSchema.create();
        RollgateInstance first = instance(schema);
        RollgateInstance second = instance(schema)) {
      // given: a known P2 incident, so a release manager decides the go/no-go
      systems.world().sendApprovalsTo(first.baseUri());
      String known = systems.world().openIncident("payments", "2");
      GateApi admin = first.api(ProductionSystems.BOOTSTRAP);
      String pipelineToken = admin.createToken("shop-pipeline-2", "pipeline");
      String managerToken = admin.createToken("rita", "release-manager");
      JsonNode release =
          first
              .api(pipelineToken)
              .post("/api/v1/releases", systems.world().releaseRequest("payments", "3.1.0"))
              .ok();
      String id = release.path("id").asText();
      String gates = "/api/v1/releases/" + id + "/gates/";

      // when: the second instance sees the release and its gates, and is where rita decides
      JsonNode readiness = second.api(pipelineToken).get(gates + "readiness?wait=PT60S").ok();
      JsonNode cab = second.api(pipelineToken).get(gates + "cab?wait=PT60S").ok();
      CompletableFuture<JsonNode> waitingOnFirst =
          CompletableFuture.supplyAsync(
              () -> first.api(pipelineToken).get(gates + "go-no-go?wait=PT90S").ok());
      Thread.sleep(500);
      second
          .api(managerToken)
          .post(
              gates + "go-no-go/decision",
              Map.of(
                  "decision",
                  "GO",
                  "justification",
                  known + " is known and unrelated",
                  "acceptedRisks",
                  List.of(readiness.path("justification").asText()),
                  "risksAcceptedUntil",
                  "2999-12-31"))
          .ok();
      JsonNode goNoGo = waitingOnFirst.get(60, TimeUnit.SECONDS);

      // then
      assertThat(readiness.path("verdict").asText()).isEqualTo("GO_WITH_RISK");
      assertThat(cab.path("verdict").asText()).isEqualTo("APPROVED");
      assertThat(goNoGo.path("status").asText()).isEqualTo("DECIDED");
      assertThat(goNoGo.path("verdict").asText()).isEqualTo("GO");
      assertThat(goNoGo.path("actor").asText()).isEqualTo("rita");
      JsonNode ended = second.api(pipelineToken).awaitEnd(id, Duration.ofMinutes(2));
      assertThat(ended.path("state").asText()).isEqualTo("RELEASED");
      assertThat(first.api(pipelineToken).get("/api/v1/releases/" + id).ok().path("state").asText())
          .isEqualTo("RELEASED");
      assertThat(
              second
                  .api(ProductionSystems.BOOTSTRAP)
                  .get("/api/v1/audit/verify")
                  .ok()
                  .path("intact")
                  .asBoolean())
          .isTrue();
    }
  }
}
