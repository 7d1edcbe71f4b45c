package io.rollgate.app.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.MessageSubscriptionState;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.rollgate.connector.servicenow.ServiceNowClient;
import io.rollgate.connector.servicenow.model.ChangeRequest;
import io.rollgate.connector.servicenow.model.ChangeState;
import io.rollgate.connector.servicenow.model.NewChange;
import io.rollgate.processes.Lifecycle;
import io.rollgate.sandbox.launcher.Sandbox;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole path in the default profile: the sandbox's ServiceNow decides, signs its webhook call,
 * the service checks it and the change, and the release waiting on {@code cab-decision} moves on.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "rollgate.sandbox.auto-approve-after=1h")
class CabDecisionWebhookIT {

  private static final String WAITING_PROCESS = "webhook-it-cab-wait";
  private static final ObjectMapper JSON = new ObjectMapper();

  @DynamicPropertySource
  static void dataDirectory(DynamicPropertyRegistry registry) throws IOException {
    Path dir = Files.createTempDirectory("rollgate-webhook-it");
    registry.add("rollgate.data-dir", dir::toString);
  }

  @LocalServerPort private int port;
  @Autowired private CamundaClient camunda;
  @Autowired private ServiceNowClient servicenow;
  @Autowired private Sandbox sandbox;
  @Autowired private WebhookSecret secret;
  @Autowired private WebhookSignatures signatures;

  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void releaseModelThatWaitsForTheCab() {
    camunda
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess(WAITING_PROCESS)
                .startEvent()
                .intermediateCatchEvent(
                    "awaitCabDecision",
                    e ->
                        e.message(
                            m ->
                                m.name(Lifecycle.Messages.CAB_DECISION)
                                    .zeebeCorrelationKeyExpression("changeNumber")))
                .endEvent("decided")
                .done(),
            WAITING_PROCESS + ".bpmn")
        .send()
        .join();
    sandbox.servicenow().sendWebhooksTo(webhookUri(), secret.value().value());
  }

  private URI webhookUri() {
    return URI.create("http://127.0.0.1:" + port + CabDecisionWebhook.PATH);
  }

  /** A normal change waiting in Authorize, as the release's change step leaves it. */
  private ChangeRequest changeAwaitingCab() {
    ChangeRequest change =
        servicenow.createChange(
            NewChange.normal("rel-" + UUID.randomUUID(), "Deploy shop 1.4.2 (webhook IT)"));
    servicenow.moveTo(change.sysId(), ChangeState.ASSESS);
    return servicenow.moveTo(change.sysId(), ChangeState.AUTHORIZE);
  }

  private long releaseWaitingFor(ChangeRequest change) {
    long instance =
        camunda
            .newCreateInstanceCommand()
            .bpmnProcessId(WAITING_PROCESS)
            .latestVersion()
            .variables(Map.of("changeNumber", change.number()))
            .send()
            .join()
            .getProcessInstanceKey();
    await().atMost(Duration.ofSeconds(5)).until(() -> isWaiting(instance));
    return instance;
  }

  private boolean isWaiting(long instance) {
    return camunda
        .newMessageSubscriptionSearchRequest()
        .filter(f -> f.processInstanceKey(instance))
        .send()
        .join()
        .items()
        .stream()
        .anyMatch(s -> s.getMessageSubscriptionState() == MessageSubscriptionState.CREATED);
  }

  private ProcessInstanceState state(long instance) {
    return camunda.newProcessInstanceGetRequest(instance).send().join().getState();
  }

  private String variable(long instance, String name) {
    return camunda
        .newVariableSearchRequest()
        .filter(f -> f.processInstanceKey(instance).name(name))
        .send()
        .join()
        .items()
        .get(0)
        .getValue();
  }

  private HttpResponse<String> deliverSigned(ChangeRequest change, String approval)
      throws Exception {
    return deliverSigned(
        JSON.writeValueAsBytes(
            Map.of("number", change.number(), "sys_id", change.sysId(), "approval", approval)));
  }

  /** A call signed as ServiceNow signs it, whatever its body. */
  private HttpResponse<String> deliverSigned(byte[] body) throws Exception {
    String timestamp = String.valueOf(Instant.now().getEpochSecond());
    return http.send(
        HttpRequest.newBuilder(webhookUri())
            .header("Content-Type", "application/json")
            .header(WebhookSignatures.TIMESTAMP_HEADER, timestamp)
            .header(WebhookSignatures.SIGNATURE_HEADER, signatures.sign(timestamp, body))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void cabApprovalInServiceNowResumesTheWaitingReleaseOnce() throws Exception {
    // given
    ChangeRequest change = changeAwaitingCab();
    long release = releaseWaitingFor(change);

    // when the CAB approves in ServiceNow, which calls the webhook
    sandbox.servicenow().approve(change.number(), "CAB says yes");

    // then
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(state(release)).isEqualTo(ProcessInstanceState.COMPLETED));
    assertThat(variable(release, Lifecycle.Variables.CAB_DECISION)).isEqualTo("\"APPROVED\"");
    // ServiceNow logs the delivery once the answer is back, which may be after the release moved
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(sandbox.servicenow().webhookDeliveries())
                    .contains(change.number() + "/approved/1/202"));

    // and when ServiceNow delivers the same decision again
    HttpResponse<String> again = deliverSigned(change, "approved");

    // then the engine already holds it: not published a second time
    assertThat(again.statusCode()).isEqualTo(202);
    JsonNode receipt = JSON.readTree(again.body());
    assertThat(receipt.path("outcome").asText()).isEqualTo("already-published");
    assertThat(
            camunda
                .newCorrelatedMessageSubscriptionSearchRequest()
                .filter(f -> f.processInstanceKey(release))
                .send()
                .join()
                .items())
        .hasSize(1);
  }

  @Test
  void callSignedWithAnotherSecretIsRefusedAndTheReleaseKeepsWaiting() throws Exception {
    // given ServiceNow approved, but its calls are signed with a secret Rollgate does not know
    ChangeRequest change = changeAwaitingCab();
    long release = releaseWaitingFor(change);
    sandbox.servicenow().sendWebhooksTo(webhookUri(), "a-forger-who-guessed-wrong");

    // when
    sandbox.servicenow().approve(change.number(), "CAB says yes");

    // then
    await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                sandbox
                    .servicenow()
                    .webhookDeliveries()
                    .contains(change.number() + "/approved/1/401"));
    assertThat(state(release)).isEqualTo(ProcessInstanceState.ACTIVE);
    assertThat(isWaiting(release)).isTrue();
  }

  @Test
  void validCallClaimingADecisionServiceNowDoesNotShowPublishesNothing() throws Exception {
    // given the change still waits for the CAB
    ChangeRequest change = changeAwaitingCab();
    long release = releaseWaitingFor(change);

    // when
    HttpResponse<String> answer = deliverSigned(change, "approved");

    // then
    assertThat(answer.statusCode()).isEqualTo(409);
    assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(JSON.readTree(answer.body()).path("detail").asText())
        .contains("ServiceNow shows approval 'requested'");
    assertThat(state(release)).isEqualTo(ProcessInstanceState.ACTIVE);
    assertThat(isWaiting(release)).isTrue();
  }

  /** A signed call's body ServiceNow never sends, and the answer it gets. */
  private record Hostile(String what, byte[] bytes, int status) {}

  @Test
  void signedCallsWhoseBodyIsNestedHugeOrNotUtf8AreRefusedAndTheReleaseKeepsWaiting()
      throws Exception {
    // given: the CAB approved in ServiceNow, and ServiceNow's own call has not arrived
    ChangeRequest change = changeAwaitingCab();
    long release = releaseWaitingFor(change);
    sandbox.servicenow().sendWebhooksTo(null, null);
    sandbox.servicenow().approve(change.number(), "CAB says yes");
    String claim =
        "{\"number\":\""
            + change.number()
            + "\",\"sys_id\":\""
            + change.sysId()
            + "\",\"approval\":\"approved\"";
    List<Hostile> bodies =
        List.of(
            new Hostile(
                "a document nested 10,000 deep",
                (claim + ",\"x\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}")
                    .getBytes(StandardCharsets.UTF_8),
                400),
            new Hostile(
                "Latin-1 bytes sent as UTF-8",
                (claim + ",\"comments\":\"approuv\u00e9 apr\u00e8s d\u00e9bat\"}")
                    .getBytes(StandardCharsets.ISO_8859_1),
                400),
            new Hostile(
                "a 100 KB body",
                (claim + ",\"comments\":\"" + "x".repeat(100 * 1024) + "\"}")
                    .getBytes(StandardCharsets.UTF_8),
                413));

    for (Hostile body : bodies) {
      // when
      HttpResponse<String> answer = deliverSigned(body.bytes());

      // then: a problem, and the decision the body claims is not published
      assertThat(answer.statusCode()).as(body.what()).isEqualTo(body.status());
      assertThat(answer.headers().firstValue("Content-Type"))
          .as(body.what())
          .hasValue("application/problem+json");
      assertThat(JSON.readTree(answer.body()).path("detail").asText()).as(body.what()).isNotBlank();
      assertThat(state(release)).as(body.what()).isEqualTo(ProcessInstanceState.ACTIVE);
      assertThat(isWaiting(release)).as(body.what()).isTrue();
    }

    // when: the same decision arrives in a body ServiceNow would send
    HttpResponse<String> genuine = deliverSigned(change, "approved");

    // then: the webhook still serves, and publishes it once
    assertThat(genuine.statusCode()).as(genuine.body()).isEqualTo(202);
    assertThat(JSON.readTree(genuine.body()).path("outcome").asText()).isEqualTo("published");
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(state(release)).isEqualTo(ProcessInstanceState.COMPLETED));
    assertThat(variable(release, Lifecycle.Variables.CAB_DECISION)).isEqualTo("\"APPROVED\"");
  }
}
