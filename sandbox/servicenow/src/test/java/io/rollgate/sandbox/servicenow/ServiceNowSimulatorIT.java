package io.rollgate.sandbox.servicenow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.rollgate.sandbox.SimJson;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServiceNowSimulatorIT {

  private static final String CHANGE = "/api/sn_chg_rest/v1/change";

  private ServiceNowSimulator sim;
  private HttpServer receiver;

  @AfterEach
  void stop() {
    if (sim != null) {
      sim.close();
    }
    if (receiver != null) {
      receiver.stop(0);
    }
  }

  private SimHttp start(SimulatorConfig config) {
    sim = ServiceNowSimulator.start(config);
    return new SimHttp(sim.baseUri());
  }

  private static JsonNode createNormal(SimHttp http, String body) throws Exception {
    SimHttp.Answer created = http.send("POST", CHANGE + "/normal", body);
    assertThat(created.status()).isEqualTo(200);
    return created.json().path("result").get(0);
  }

  private static String moveTo(SimHttp http, String sysId, int state) throws Exception {
    SimHttp.Answer moved =
        http.send("PATCH", CHANGE + "/" + sysId, "{\"state\":\"" + state + "\"}");
    assertThat(moved.status()).as(moved.raw().body()).isEqualTo(200);
    return moved.json().path("result").path("state").path("display_value").asText();
  }

  @Test
  void createsNormalChangeWithNumberSysIdAndNewState() throws Exception {
    // given
    SimHttp http = start(SimulatorConfig.defaults());
    // when
    JsonNode change =
        createNormal(http, "{\"short_description\":\"Deploy\",\"correlation_id\":\"rel-1\"}");
    // then
    assertThat(change.path("number").path("value").asText()).matches("CHG003\\d{4}");
    assertThat(change.path("sys_id").path("value").asText()).matches("[0-9a-f]{32}");
    assertThat(change.path("state").path("value").asInt()).isEqualTo(-5);
    assertThat(change.path("state").path("display_value").asText()).isEqualTo("New");
    assertThat(change.path("correlation_id").path("value").asText()).isEqualTo("rel-1");
    assertThat(change.path("type").path("value").asText()).isEqualTo("normal");
  }

  @Test
  void rejectsTransitionTheStateModelDoesNotAllowWithTheErrorEnvelope() throws Exception {
    // given
    SimHttp http = start(SimulatorConfig.defaults());
    String sysId =
        createNormal(http, "{\"short_description\":\"x\"}").path("sys_id").path("value").asText();
    // when
    SimHttp.Answer refused = http.send("PATCH", CHANGE + "/" + sysId, "{\"state\":\"-1\"}");
    // then
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.json().path("status").asText()).isEqualTo("failure");
    assertThat(refused.json().path("error").path("message").asText())
        .isEqualTo("Invalid state transition");
    assertThat(refused.json().path("error").path("detail").asText())
        .contains("from New to Implement");
    assertThat(stateOf(http, sysId)).isEqualTo(-5);
  }

  @Test
  void listsNextStatesWithAuthorizeToScheduledUnavailableUntilApproved() throws Exception {
    // given
    SimHttp http = start(SimulatorConfig.defaults());
    String sysId =
        createNormal(http, "{\"short_description\":\"x\"}").path("sys_id").path("value").asText();
    moveTo(http, sysId, -4);
    moveTo(http, sysId, -3);
    // when
    JsonNode next =
        http.send("GET", CHANGE + "/" + sysId + "/nextstates", null).json().path("result");
    // then
    assertThat(next.path("available_states").toString()).isEqualTo("[\"-3\",\"-2\",\"4\"]");
    JsonNode toScheduled = next.path("state_transitions").get(0).get(0);
    assertThat(toScheduled.path("to_state").asText()).isEqualTo("-2");
    assertThat(toScheduled.path("transition_available").asBoolean()).isFalse();
    assertThat(next.path("state_label").path("-2").asText()).isEqualTo("Scheduled");
    assertThat(http.send("PATCH", CHANGE + "/" + sysId, "{\"state\":\"-2\"}").status())
        .isEqualTo(400);
  }

  @Test
  void approvalThroughTheAdminEndpointMovesAuthorizeToScheduledAndUpdatesTheApprovalRecord()
      throws Exception {
    // given
    SimHttp http = start(SimulatorConfig.defaults());
    JsonNode change = createNormal(http, "{\"short_description\":\"x\"}");
    String sysId = change.path("sys_id").path("value").asText();
    String number = change.path("number").path("value").asText();
    moveTo(http, sysId, -4);
    moveTo(http, sysId, -3);
    // when
    SimHttp.Answer approved =
        new SimHttp(sim.adminUri())
            .send("POST", "/servicenow/changes/" + number + "/approve", "{\"comments\":\"ok\"}");
    // then
    assertThat(approved.status()).isEqualTo(200);
    JsonNode after = http.send("GET", CHANGE + "/" + sysId, null).json().path("result");
    assertThat(after.path("state").path("display_value").asText()).isEqualTo("Scheduled");
    assertThat(after.path("approval").path("value").asText()).isEqualTo("approved");
    JsonNode approvals =
        http.send(
                "GET",
                "/api/now/table/sysapproval_approver?sysparm_query=sysapproval=" + sysId,
                null)
            .json()
            .path("result");
    assertThat(approvals).hasSize(1);
    assertThat(approvals.get(0).path("state").asText()).isEqualTo("approved");
    assertThat(approvals.get(0).path("sysapproval").path("value").asText()).isEqualTo(sysId);
  }

  @Test
  void rejectsAutomaticallyWhenTheShortDescriptionMatchesTheRule() throws Exception {
    // given
    SimHttp http =
        start(
            SimulatorConfig.defaults()
                .withAutoRejectWhenShortDescriptionContains("[reject]", Duration.ZERO));
    String sysId =
        createNormal(http, "{\"short_description\":\"Risky [reject]\"}")
            .path("sys_id")
            .path("value")
            .asText();
    moveTo(http, sysId, -4);
    // when
    moveTo(http, sysId, -3);
    // then
    await()
        .atMost(Duration.ofSeconds(3))
        .untilAsserted(
            () ->
                assertThat(
                        http.send("GET", CHANGE + "/" + sysId, null)
                            .json()
                            .path("result")
                            .path("approval")
                            .path("value")
                            .asText())
                    .isEqualTo("rejected"));
    assertThat(stateOf(http, sysId)).isEqualTo(-5);
  }

  @Test
  void approvesAutomaticallyAfterTheConfiguredDelay() throws Exception {
    // given
    SimHttp http = start(SimulatorConfig.defaults().withAutoApproveAfter(Duration.ofMillis(150)));
    String sysId =
        createNormal(http, "{\"short_description\":\"x\"}").path("sys_id").path("value").asText();
    moveTo(http, sysId, -4);
    // when
    moveTo(http, sysId, -3);
    // then
    assertThat(stateOf(http, sysId)).isEqualTo(-3);
    await()
        .atMost(Duration.ofSeconds(3))
        .untilAsserted(() -> assertThat(stateOf(http, sysId)).isEqualTo(-2));
  }

  @Test
  void deliversTheDecisionWebhookRetryingUntilTheReceiverAccepts() throws Exception {
    // given a receiver that fails the first delivery
    List<JsonNode> received = new CopyOnWriteArrayList<>();
    AtomicInteger calls = new AtomicInteger();
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          received.add(SimJson.MAPPER.readTree(exchange.getRequestBody().readAllBytes()));
          exchange.sendResponseHeaders(calls.incrementAndGet() == 1 ? 503 : 204, -1);
          exchange.close();
        });
    receiver.start();
    URI hook = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
    SimHttp http = start(SimulatorConfig.defaults().withWebhook(hook, 3, Duration.ofMillis(50)));
    JsonNode change =
        createNormal(http, "{\"short_description\":\"x\",\"correlation_id\":\"rel-7\"}");
    String sysId = change.path("sys_id").path("value").asText();
    String number = change.path("number").path("value").asText();
    moveTo(http, sysId, -4);
    moveTo(http, sysId, -3);
    // when
    sim.approve(number, "CAB says yes");
    // then
    await()
        .atMost(Duration.ofSeconds(3))
        .until(() -> received.size() == 2 && sim.webhookDeliveries().size() == 2);
    JsonNode payload = received.get(1);
    assertThat(payload.path("number").asText()).isEqualTo(number);
    assertThat(payload.path("sys_id").asText()).isEqualTo(sysId);
    assertThat(payload.path("correlation_id").asText()).isEqualTo("rel-7");
    assertThat(payload.path("approval").asText()).isEqualTo("approved");
    assertThat(sim.webhookDeliveries())
        .containsExactly(number + "/approved/1/503", number + "/approved/2/204");
  }

  @Test
  void signsTheDecisionWebhookWithTheSecretSetAfterStart() throws Exception {
    // given a simulator started without a webhook, then pointed at a receiver with a secret
    List<String[]> received = new CopyOnWriteArrayList<>();
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          received.add(
              new String[] {
                exchange.getRequestHeaders().getFirst("X-Rollgate-Timestamp"),
                exchange.getRequestHeaders().getFirst("X-Rollgate-Signature"),
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
              });
          exchange.sendResponseHeaders(202, -1);
          exchange.close();
        });
    receiver.start();
    SimHttp http = start(SimulatorConfig.defaults());
    sim.sendWebhooksTo(
        URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook"), "s3cret");
    JsonNode change = createNormal(http, "{\"short_description\":\"x\"}");
    String sysId = change.path("sys_id").path("value").asText();
    String number = change.path("number").path("value").asText();
    moveTo(http, sysId, -4);
    moveTo(http, sysId, -3);
    // when
    sim.reject(number, "Not this week");
    // then
    await().atMost(Duration.ofSeconds(3)).until(() -> received.size() == 1);
    String timestamp = received.get(0)[0];
    String body = received.get(0)[2];
    assertThat(Long.parseLong(timestamp))
        .isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(5L));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec("s3cret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String expected =
        HexFormat.of()
            .formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    assertThat(received.get(0)[1]).isEqualTo("sha256=" + expected);
    assertThat(SimJson.MAPPER.readTree(body).path("approval").asText()).isEqualTo("rejected");
    assertThat(sim.webhookDeliveries()).containsExactly(number + "/rejected/1/202");
  }

  @Test
  void sendsTheDecisionWebhookUnsignedWithoutASecret() throws Exception {
    // given
    List<Boolean> signed = new CopyOnWriteArrayList<>();
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          signed.add(exchange.getRequestHeaders().containsKey("X-Rollgate-Signature"));
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    receiver.start();
    URI hook = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
    SimHttp http = start(SimulatorConfig.defaults().withWebhook(hook, 1, Duration.ofMillis(50)));
    JsonNode change = createNormal(http, "{\"short_description\":\"x\"}");
    moveTo(http, change.path("sys_id").path("value").asText(), -4);
    moveTo(http, change.path("sys_id").path("value").asText(), -3);
    // when
    sim.approve(change.path("number").path("value").asText(), null);
    // then
    await().atMost(Duration.ofSeconds(3)).until(() -> signed.size() == 1);
    assertThat(signed).containsExactly(false);
  }

  @Test
  void refusesCallsWithoutValidCredentialsAndAcceptsIssuedTokensUntilTheyExpire() throws Exception {
    // given
    SimHttp http = start(SimulatorConfig.defaults());
    // when
    SimHttp.Answer anonymous =
        new SimHttp(sim.baseUri()).authorization(null).send("GET", CHANGE, null);
    SimHttp.Answer token =
        http.form(
            "/oauth_token.do",
            "grant_type=client_credentials&client_id=rollgate&client_secret=rollgate-secret");
    SimHttp bearer =
        new SimHttp(sim.baseUri())
            .authorization("Bearer " + token.json().path("access_token").asText());
    int beforeExpiry = bearer.send("GET", CHANGE, null).status();
    sim.expireTokens();
    SimHttp.Answer expired = bearer.send("GET", CHANGE, null);
    // then
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.json().path("error").path("message").asText())
        .isEqualTo("User Not Authenticated");
    assertThat(token.json().path("expires_in").asLong()).isEqualTo(1800);
    assertThat(beforeExpiry).isEqualTo(200);
    assertThat(expired.status()).isEqualTo(401);
    assertThat(expired.json().path("error").path("detail").asText())
        .isEqualTo("Access token expired");
  }

  @Test
  void pagesIncidentsWithLinkAndTotalCount() throws Exception {
    // given
    SimHttp http = start(SimulatorConfig.defaults());
    for (int i = 1; i <= 5; i++) {
      sim.addIncident(
          Map.of(
              "short_description", "inc " + i, "priority", i <= 3 ? "1" : "4", "cmdb_ci", "ci-1"));
    }
    // when
    SimHttp.Answer page =
        http.send(
            "GET",
            "/api/now/table/incident?sysparm_query=cmdb_ci%3Dci-1%5Epriority%3C%3D2&sysparm_limit=2",
            null);
    // then
    assertThat(page.json().path("result")).hasSize(2);
    assertThat(page.raw().headers().firstValue("X-Total-Count")).contains("3");
    assertThat(page.raw().headers().firstValue("Link").orElse(""))
        .contains("sysparm_offset=2>;rel=\"next\"");
  }

  @Test
  void reportsConflictStatusEvenWhenThereAreNoConflicts() throws Exception {
    // given
    SimHttp http = start(SimulatorConfig.defaults().withConflictCheckDuration(Duration.ZERO));
    String sysId =
        createNormal(http, "{\"short_description\":\"x\",\"cmdb_ci\":\"ci-9\"}")
            .path("sys_id")
            .path("value")
            .asText();
    // when
    SimHttp.Answer started = http.send("POST", CHANGE + "/" + sysId + "/conflict", null);
    JsonNode result =
        http.send("GET", CHANGE + "/" + sysId + "/conflict", null).json().path("result");
    // then
    assertThat(started.json().path("result").asText()).matches("[0-9a-f]{32}");
    assertThat(result.path("status").asText()).isEqualTo("Conflict");
    assertThat(result.path("conflicts")).isEmpty();
  }

  @Test
  void refusesToCloseWithoutCloseCodeAndNotesButClosesWithThemInTheSameWrite() throws Exception {
    // given a change in Review
    SimHttp http = start(SimulatorConfig.defaults());
    JsonNode change = createNormal(http, "{\"short_description\":\"x\"}");
    String sysId = change.path("sys_id").path("value").asText();
    moveTo(http, sysId, -4);
    moveTo(http, sysId, -3);
    sim.approve(change.path("number").path("value").asText(), null);
    moveTo(http, sysId, -1);
    moveTo(http, sysId, 0);
    // when
    SimHttp.Answer bare = http.send("PATCH", CHANGE + "/" + sysId, "{\"state\":\"3\"}");
    SimHttp.Answer complete =
        http.send(
            "PATCH",
            CHANGE + "/" + sysId,
            "{\"state\":\"3\",\"close_code\":\"successful\",\"close_notes\":\"done\"}");
    // then
    assertThat(bare.status()).isEqualTo(400);
    assertThat(bare.json().path("error").path("detail").asText()).contains("close_code");
    assertThat(complete.status()).isEqualTo(200);
    assertThat(complete.json().path("result").path("state").path("display_value").asText())
        .isEqualTo("Closed");
  }

  /** The change's state value as the Change API reports it. */
  private static int stateOf(SimHttp http, String sysId) throws Exception {
    return http.send("GET", CHANGE + "/" + sysId, null)
        .json()
        .path("result")
        .path("state")
        .path("value")
        .asInt();
  }
}
