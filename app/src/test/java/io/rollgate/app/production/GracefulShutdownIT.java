package io.rollgate.app.production;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rollgate.app.support.GateApi;
import io.rollgate.app.support.PostgresSchema;
import io.rollgate.app.support.ProductionSystems;
import io.rollgate.app.support.ServiceProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The service as an operator runs and stops it: {@code java -jar rollgate.jar} in the production
 * profile, stopped with SIGTERM in the middle of a deploy, and replaced by a new instance.
 */
class GracefulShutdownIT {

  @RegisterExtension static final ProductionSystems systems = new ProductionSystems();

  private static ServiceProcess service(PostgresSchema schema) throws Exception {
    Map<String, String> p = systems.properties(schema);
    ServiceProcess service = ServiceProcess.start("production", p);
    systems.world().sendApprovalsTo(service.baseUri());
    return service;
  }

  @Test
  void anApiCallWithoutATokenIsRefused() throws Exception {
    try (PostgresSchema schema = PostgresSchema.create();
        ServiceProcess rollgate = service(schema)) {
      // when
      GateApi.Answer anonymous = rollgate.api(null).get("/api/v1/releases");
      GateApi.Answer forged =
          rollgate.api("rg_not-a-token-anyone-was-given-0123456789").get("/api/v1/releases");

      // then
      assertThat(anonymous.status()).isEqualTo(401);
      assertThat(anonymous.body().path("status").asInt()).isEqualTo(401);
      assertThat(forged.status()).isEqualTo(401);
    }
  }

  @Test
  void sigtermDuringADeployLosesNothingAndTheNextInstanceFinishesTheRelease() throws Exception {
    try (PostgresSchema schema = PostgresSchema.create()) {
      // given: a release whose deploy runs for a while
      systems.world().deployTakes(Duration.ofSeconds(6));
      int dispatchesBefore = systems.world().sandbox().ci().github().dispatches().size();
      String pipelineToken;
      String id;
      int exitCode;
      String firstLog;
      try (ServiceProcess first = service(schema)) {
        pipelineToken =
            first.api(ProductionSystems.BOOTSTRAP).createToken("shop-pipeline", "pipeline");
        id =
            first
                .api(pipelineToken)
                .post("/api/v1/releases", systems.world().releaseRequest("checkout", "4.0.0"))
                .ok()
                .path("id")
                .asText();
        awaitDeployDispatched(dispatchesBefore);

        // when: the orchestrator stops the instance mid-deploy
        exitCode = first.terminate(Duration.ofSeconds(60));
        firstLog = first.log();
      }

      // then: it stopped cleanly, and a new instance finishes the same release
      assertThat(exitCode).as(firstLog).isIn(0, 143);
      assertThat(firstLog)
          .contains("Commencing graceful shutdown")
          .contains("shutdown: running jobs finished");
      try (ServiceProcess second = service(schema)) {
        GateApi pipeline = second.api(pipelineToken);
        JsonNode ended;
        try {
          ended = pipeline.awaitEnd(id, Duration.ofMinutes(2));
        } catch (AssertionError e) {
          throw new AssertionError(
              e.getMessage()
                  + "\n--- stopped instance:\n"
                  + firstLog
                  + "\n--- next instance:\n"
                  + second.log(),
              e);
        }
        assertThat(ended.path("state").asText()).as(second.log()).isEqualTo("RELEASED");
        assertThat(systems.world().sandbox().ci().github().dispatches())
            .hasSize(dispatchesBefore + 1);
        JsonNode decisions = pipeline.get("/api/v1/releases/" + id + "/decisions").ok();
        List<String> gates = decisions.findValuesAsText("gate");
        assertThat(gates.stream().filter("readiness"::equals)).hasSize(1);
        assertThat(gates.stream().filter("cab"::equals)).hasSize(1);
        assertThat(
                second
                    .api(ProductionSystems.BOOTSTRAP)
                    .get("/api/v1/audit/verify")
                    .ok()
                    .path("intact")
                    .asBoolean())
            .isTrue();
        String number = ended.path("changeNumber").asText();
        JsonNode change = systems.world().sandbox().servicenow().change(number).orElseThrow();
        assertThat(change.path("close_code").path("value").asText()).isEqualTo("successful");
      }
    }
  }

  private static void awaitDeployDispatched(int before) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
    while (systems.world().sandbox().ci().github().dispatches().size() == before) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("the release never dispatched its deploy");
      }
      Thread.sleep(100);
    }
  }
}
