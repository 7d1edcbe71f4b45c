package io.rollgate.app.webhook;

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.CamundaFuture;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.command.PublishMessageCommandStep1;
import io.camunda.client.api.command.PublishMessageCommandStep1.PublishMessageCommandStep2;
import io.camunda.client.api.command.PublishMessageCommandStep1.PublishMessageCommandStep3;
import io.camunda.client.api.response.PublishMessageResponse;
import io.rollgate.app.security.OidcProperties;
import io.rollgate.connector.RetryableException;
import io.rollgate.connector.servicenow.ServiceNowClient;
import io.rollgate.connector.servicenow.model.Approval;
import io.rollgate.connector.servicenow.model.ChangeRequest;
import io.rollgate.connector.servicenow.model.ChangeState;
import io.rollgate.connector.servicenow.model.ChangeType;
import io.rollgate.connector.servicenow.model.FieldValue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mockito.Answers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** The webhook's answers and what it publishes, with ServiceNow and the engine as mocks. */
@WebMvcTest(CabDecisionWebhook.class)
@Import(ServiceNowWebhookConfiguration.class)
// the console's pages are part of every MVC slice and name the sign-in issuer
@EnableConfigurationProperties(OidcProperties.class)
// Authentication by token is not this endpoint's: it checks its own signature.
@AutoConfigureMockMvc(addFilters = false)
@TestPropertySource(
    properties = {
      "rollgate.sandbox.enabled=false",
      "rollgate.webhooks.servicenow.secret=" + CabDecisionWebhookTest.SECRET,
      "rollgate.webhooks.servicenow.max-body-size=1KB"
    })
class CabDecisionWebhookTest {

  static final String SECRET = "cab-webhook-secret-for-tests";
  private static final String NUMBER = "CHG0030042";
  private static final String SYS_ID = "0123456789abcdef0123456789abcdef";

  @Autowired private MockMvc mvc;
  @Autowired private WebhookSignatures signatures;
  @MockitoBean private ServiceNowClient servicenow;
  @MockitoBean private CamundaClient camunda;

  private final PublishMessageCommandStep1 step1 = mock(PublishMessageCommandStep1.class);
  private final PublishMessageCommandStep2 step2 = mock(PublishMessageCommandStep2.class);
  private final PublishMessageCommandStep3 step3 =
      mock(PublishMessageCommandStep3.class, Answers.RETURNS_SELF);

  @SuppressWarnings("unchecked")
  private final CamundaFuture<PublishMessageResponse> sent = mock(CamundaFuture.class);

  @BeforeEach
  void engineTakesMessages() {
    when(camunda.newPublishMessageCommand()).thenReturn(step1);
    when(step1.messageName(anyString())).thenReturn(step2);
    when(step2.correlationKey(anyString())).thenReturn(step3);
    when(step3.send()).thenReturn(sent);
  }

  /**
   * A call as ServiceNow sends it; each one distinct, as the context's replay memory outlives a
   * test.
   */
  private static String body(String approval) {
    return "{\"number\":\""
        + NUMBER
        + "\",\"sys_id\":\""
        + SYS_ID
        + "\",\"approval\":\""
        + approval
        + "\",\"state\":\"-2\",\"delivery\":\""
        + java.util.UUID.randomUUID()
        + "\"}";
  }

  private ResultActions deliver(String body, String timestamp, String signature) throws Exception {
    var request =
        post(CabDecisionWebhook.PATH).contentType(MediaType.APPLICATION_JSON).content(body);
    if (timestamp != null) {
      request.header(WebhookSignatures.TIMESTAMP_HEADER, timestamp);
    }
    if (signature != null) {
      request.header(WebhookSignatures.SIGNATURE_HEADER, signature);
    }
    return mvc.perform(request);
  }

  private ResultActions deliverSigned(String body, Instant at) throws Exception {
    String timestamp = String.valueOf(at.getEpochSecond());
    return deliver(
        body, timestamp, signatures.sign(timestamp, body.getBytes(StandardCharsets.UTF_8)));
  }

  private void serviceNowShows(String approval, String... approverStates) {
    when(servicenow.getChange(SYS_ID))
        .thenReturn(
            new ChangeRequest(
                SYS_ID,
                NUMBER,
                ChangeType.NORMAL,
                "approved".equals(approval) ? ChangeState.SCHEDULED : ChangeState.AUTHORIZE,
                "rel-42",
                "Deploy shop 1.4.2",
                approval,
                Map.of()));
    when(servicenow.approvals(SYS_ID))
        .thenReturn(
            java.util.Arrays.stream(approverStates)
                .map(
                    s ->
                        new Approval(
                            "a" + SYS_ID.substring(1),
                            s,
                            new FieldValue("u1", "CAB Approver"),
                            "",
                            SYS_ID))
                .toList());
  }

  @Test
  void refusesAForgedSignatureWithAProblemAndPublishesNothing() throws Exception {
    // given
    String timestamp = String.valueOf(Instant.now().getEpochSecond());

    // when
    var answer = deliver(body("approved"), timestamp, "sha256=" + "ab".repeat(32));

    // then
    answer
        .andExpect(status().isUnauthorized())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.status").value(401))
        .andExpect(
            jsonPath("$.detail").value("the signature does not match the body and timestamp"));
    verifyNoInteractions(servicenow);
    verify(camunda, never()).newPublishMessageCommand();
  }

  @Test
  void refusesAnUnsignedCall() throws Exception {
    // when
    var answer = deliver(body("approved"), null, null);

    // then
    answer
        .andExpect(status().isUnauthorized())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    verify(camunda, never()).newPublishMessageCommand();
  }

  @Test
  void refusesAStaleTimestamp() throws Exception {
    // given
    serviceNowShows("approved", "approved");

    // when
    var answer = deliverSigned(body("approved"), Instant.now().minus(Duration.ofMinutes(6)));

    // then
    answer
        .andExpect(status().isUnauthorized())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    verify(camunda, never()).newPublishMessageCommand();
  }

  @Test
  void refusesAReplayedCallAndPublishesOnlyTheOriginal() throws Exception {
    // given
    serviceNowShows("approved", "approved");
    String body = body("approved");
    String timestamp = String.valueOf(Instant.now().getEpochSecond());
    String signature = signatures.sign(timestamp, body.getBytes(StandardCharsets.UTF_8));
    deliver(body, timestamp, signature).andExpect(status().isAccepted());

    // when
    var replay = deliver(body, timestamp, signature);

    // then
    replay
        .andExpect(status().isUnauthorized())
        .andExpect(
            jsonPath("$.detail").value("this signature was already used; sign each call afresh"));
    verify(step3, times(1)).send();
  }

  @Test
  void publishesAnApprovalServiceNowConfirms() throws Exception {
    // given
    serviceNowShows("approved", "approved");

    // when
    var answer = deliverSigned(body("approved"), Instant.now());

    // then
    answer
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.change").value(NUMBER))
        .andExpect(jsonPath("$.decision").value("APPROVED"))
        .andExpect(jsonPath("$.outcome").value("published"));
    verify(step1).messageName("cab-decision");
    verify(step2).correlationKey(NUMBER);
    verify(step3).messageId(NUMBER + "-APPROVED");
    verify(step3).timeToLive(Duration.ofMinutes(30));
    verify(step3).variables(Map.<String, Object>of("cabDecision", "APPROVED"));
    verify(step3, times(1)).send();
  }

  @Test
  void publishesARejectionServiceNowConfirms() throws Exception {
    // given
    serviceNowShows("rejected", "rejected");

    // when
    var answer = deliverSigned(body("rejected"), Instant.now());

    // then
    answer.andExpect(status().isAccepted()).andExpect(jsonPath("$.decision").value("REJECTED"));
    verify(step3).messageId(NUMBER + "-REJECTED");
    verify(step3).variables(Map.<String, Object>of("cabDecision", "REJECTED"));
  }

  @Test
  void secondDeliveryOfTheSameDecisionUsesTheSameMessageIdAndIsNotPublishedTwice()
      throws Exception {
    // given the engine holds the first delivery's message
    serviceNowShows("approved", "approved");
    deliverSigned(body("approved"), Instant.now().minusSeconds(1))
        .andExpect(jsonPath("$.outcome").value("published"));
    when(sent.join())
        .thenThrow(
            new ProblemException(
                409, "Conflict", new io.camunda.client.api.ProblemDetail().setStatus(409)));

    // when ServiceNow delivers the decision again, signed afresh
    var again = deliverSigned(body("approved"), Instant.now());

    // then
    again
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.outcome").value("already-published"));
    verify(step3, times(2)).messageId(NUMBER + "-APPROVED");
  }

  @Test
  void publishesNothingWhenServiceNowStillShowsTheApprovalRequested() throws Exception {
    // given
    serviceNowShows("requested", "requested");

    // when
    var answer = deliverSigned(body("approved"), Instant.now());

    // then
    answer
        .andExpect(status().isConflict())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(
            jsonPath("$.detail")
                .value(
                    "ServiceNow shows approval 'requested' for "
                        + NUMBER
                        + ", not 'approved'; nothing published"));
    verify(camunda, never()).newPublishMessageCommand();
  }

  @Test
  void publishesNothingWhenNoApproverRecordShowsTheDecision() throws Exception {
    // given the change's field says approved, but its only approver has not decided
    serviceNowShows("approved", "requested");

    // when
    var answer = deliverSigned(body("approved"), Instant.now());

    // then
    answer.andExpect(status().isConflict());
    verify(camunda, never()).newPublishMessageCommand();
  }

  @Test
  void answers503WhenServiceNowIsUnreachableAndTakesTheRetryOfTheSameCall() throws Exception {
    // given
    when(servicenow.getChange(SYS_ID))
        .thenThrow(new RetryableException("servicenow", 0, "gave up after 3 attempts", null, null));
    String body = body("approved");
    String timestamp = String.valueOf(Instant.now().getEpochSecond());
    String signature = signatures.sign(timestamp, body.getBytes(StandardCharsets.UTF_8));

    // when
    var down = deliver(body, timestamp, signature);

    // then
    down.andExpect(status().isServiceUnavailable())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    verify(camunda, never()).newPublishMessageCommand();

    // and when ServiceNow is back and the same call is sent again
    org.mockito.Mockito.reset(servicenow);
    serviceNowShows("approved", "approved");
    deliver(body, timestamp, signature)
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.outcome").value("published"));
  }

  @Test
  void acknowledgesAnApprovalThatIsNotYetADecision() throws Exception {
    // when
    var answer = deliverSigned(body("requested"), Instant.now());

    // then
    answer
        .andExpect(status().isAccepted())
        .andExpect(jsonPath("$.outcome").value("ignored"))
        .andExpect(
            jsonPath("$.detail").value("approval 'requested' is not a decision; nothing to do"));
    verifyNoInteractions(servicenow);
    verify(camunda, never()).newPublishMessageCommand();
  }

  @Test
  void refusesASignedBodyThatIsNotJsonOrNamesNoChange() throws Exception {
    // when / then
    deliverSigned("approved", Instant.now())
        .andExpect(status().isBadRequest())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    deliverSigned("{\"approval\":\"approved\"}", Instant.now())
        .andExpect(status().isBadRequest())
        .andExpect(jsonPath("$.detail").value("'number' and 'sys_id' of the change are required"));
    verify(camunda, never()).newPublishMessageCommand();
  }

  @Test
  void refusesABodyOverTheLimitBeforeLookingAtIt() throws Exception {
    // given
    String huge = "{\"padding\":\"" + "x".repeat(2048) + "\"}";

    // when
    var answer = deliverSigned(huge, Instant.now());

    // then
    answer
        .andExpect(status().isPayloadTooLarge())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    verify(camunda, never()).newPublishMessageCommand();
  }

  @Test
  void answers503WhenTheEngineCannotBeReached() throws Exception {
    // given
    serviceNowShows("approved", "approved");
    when(sent.join())
        .thenThrow(new io.camunda.client.api.command.ClientException("connection refused"));

    // when
    var answer = deliverSigned(body("approved"), Instant.now());

    // then
    answer
        .andExpect(status().isServiceUnavailable())
        .andExpect(jsonPath("$.title").value("Engine unavailable"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"text/plain", "application/*"})
  void refusesABodyNotSentAsJsonEvenWhenSignedAndPublishesNothing(String contentType)
      throws Exception {
    // given: text/plain is what a web page can post cross-site without asking first
    serviceNowShows("approved", "approved");
    String body = body("approved");
    String timestamp = String.valueOf(Instant.now().getEpochSecond());
    var request =
        post(CabDecisionWebhook.PATH)
            .contentType(contentType)
            .content(body)
            .header(WebhookSignatures.TIMESTAMP_HEADER, timestamp)
            .header(
                WebhookSignatures.SIGNATURE_HEADER,
                signatures.sign(timestamp, body.getBytes(StandardCharsets.UTF_8)));

    // when
    var answer = mvc.perform(request);

    // then
    answer
        .andExpect(status().isUnsupportedMediaType())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    verifyNoInteractions(servicenow);
    verify(camunda, never()).newPublishMessageCommand();
  }

  @Test
  void readsNoMoreOfAHundredMegabyteBodyThanTheLimit() throws Exception {
    // given: 100 MB streamed without a Content-Length, as a chunked upload arrives
    long hundredMegabytes = 100L * 1000 * 1000;
    java.util.concurrent.atomic.AtomicLong read = new java.util.concurrent.atomic.AtomicLong();

    // when
    var answer =
        mvc.perform(
            post(CabDecisionWebhook.PATH)
                .contentType(MediaType.APPLICATION_JSON)
                .with(streamedBody(hundredMegabytes, read)));

    // then
    answer
        .andExpect(status().isPayloadTooLarge())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
    org.assertj.core.api.Assertions.assertThat(read.get()).isLessThanOrEqualTo(1024 + 1);
    verifyNoInteractions(servicenow);
  }

  @Test
  void fiveHundredForgedCallsAreAllRefusedWithoutAskingServiceNow() throws Exception {
    // given
    String timestamp = String.valueOf(Instant.now().getEpochSecond());

    // when / then
    for (int i = 0; i < 500; i++) {
      deliver(body("approved"), timestamp, "sha256=" + String.format("%064x", i))
          .andExpect(status().isUnauthorized());
    }
    verifyNoInteractions(servicenow);
    verify(camunda, never()).newPublishMessageCommand();
  }

  @Test
  void publishesNothingForAChangeServiceNowDoesNotKnow() throws Exception {
    // given: a decision planted for a change number that does not exist yet
    when(servicenow.getChange(SYS_ID))
        .thenThrow(
            new io.rollgate.connector.servicenow.ServiceNowNotFoundException(
                "servicenow", 404, "No Record found"));

    // when
    var answer = deliverSigned(body("approved"), Instant.now());

    // then
    answer.andExpect(status().isConflict());
    verify(camunda, never()).newPublishMessageCommand();
  }

  /** A body of {@code size} bytes that is produced as it is read, counting what was read. */
  private static org.springframework.test.web.servlet.request.RequestPostProcessor streamedBody(
      long size, java.util.concurrent.atomic.AtomicLong read) {
    return request -> {
      var streamed =
          new org.springframework.mock.web.MockHttpServletRequest(
              request.getServletContext(), request.getMethod(), request.getRequestURI()) {
            @Override
            public jakarta.servlet.ServletInputStream getInputStream() {
              return new org.springframework.mock.web.DelegatingServletInputStream(
                  new java.io.InputStream() {
                    @Override
                    public int read() {
                      return read.getAndIncrement() < size ? 'x' : -1;
                    }
                  });
            }

            @Override
            public long getContentLengthLong() {
              return -1;
            }
          };
      java.util.Collections.list(request.getHeaderNames())
          .forEach(
              name ->
                  java.util.Collections.list(request.getHeaders(name))
                      .forEach(value -> streamed.addHeader(name, value)));
      streamed.setContentType(request.getContentType());
      return streamed;
    };
  }
}
