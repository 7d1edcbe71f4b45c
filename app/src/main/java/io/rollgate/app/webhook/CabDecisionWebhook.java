package io.rollgate.app.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientException;
import io.rollgate.app.problem.ProblemAdvice;
import io.rollgate.connector.ConnectorException;
import io.rollgate.connector.servicenow.ServiceNowClient;
import io.rollgate.connector.servicenow.ServiceNowNotFoundException;
import io.rollgate.workers.job.ReleaseMdc;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/webhooks/servicenow}: ServiceNow calls this when the CAB approves or rejects
 * a change request. Rollgate checks the call's signature, reads the change back from ServiceNow,
 * and only when ServiceNow itself shows the decision publishes the {@code cab-decision} message
 * (correlation key: the change number; variable {@code cabDecision}: {@code APPROVED} or {@code
 * REJECTED}; message id {@code <number>-<decision>}), so the waiting release resumes at once. The
 * release's polling of the change stays the fallback for calls that never arrive.
 *
 * <h2>Body</h2>
 *
 * JSON, at most {@code rollgate.webhooks.servicenow.max-body-size} (64 KB): {@code
 * {"number":"CHG0030001","sys_id":"<32 hex>","approval":"approved"}}; {@code approval} is {@code
 * approved} or {@code rejected}; other members are ignored.
 *
 * <h2>Signature</h2>
 *
 * Two headers, made when the call is sent:
 *
 * <pre>
 * X-Rollgate-Timestamp: &lt;Unix time in seconds&gt;
 * X-Rollgate-Signature: sha256=&lt;lower-case hex HMAC-SHA256 of "&lt;timestamp&gt;.&lt;raw body&gt;"&gt;
 * </pre>
 *
 * keyed with the UTF-8 bytes of {@code rollgate.webhooks.servicenow.secret}. A timestamp more than
 * {@code rollgate.webhooks.servicenow.replay-window} (5 minutes) from Rollgate's clock is refused,
 * and so is a signature already accepted; sign each call, retries included, afresh. The signature
 * of a call answered 503 is forgotten, so a retry that resends it unchanged is accepted.
 *
 * <h2>Answers</h2>
 *
 * <ul>
 *   <li>202 with {@code {"change","decision","outcome","detail"}}: {@code outcome} {@code
 *       published}, {@code already-published} (the engine holds this decision already) or {@code
 *       ignored} ({@code approval} is not a decision, for example {@code requested});
 *   <li>400: the body is not JSON or lacks {@code number} or {@code sys_id};
 *   <li>401: no, a wrong, a stale or a reused signature; nothing is read or published;
 *   <li>409: ServiceNow does not show the claimed decision (or has no such change, or the number
 *       and sys_id are of different changes); nothing is published and Rollgate logs a warning with
 *       the change number. Sending the call before the decision is committed does this: send it
 *       from an <em>async</em> business rule;
 *   <li>413: the body is larger than the limit (it is not read past the limit);
 *   <li>415: the body is not sent as {@code application/json};
 *   <li>502: ServiceNow refused Rollgate's read (its credentials); 503: ServiceNow or the engine
 *       could not be reached: try again later.
 * </ul>
 *
 * Every refusal is an RFC 9457 problem ({@code application/problem+json}).
 *
 * <h2>In ServiceNow</h2>
 *
 * An async business rule on {@code change_request}, on update, when Approval changes to Approved or
 * Rejected, with the secret in a system property of type password2:
 *
 * <pre>{@code
 * (function executeRule(current, previous) {
 *   var secret = gs.getProperty('rollgate.webhook.secret');
 *   var body = JSON.stringify({number: current.getValue('number'),
 *       sys_id: current.getUniqueValue(), approval: current.getValue('approval'),
 *       correlation_id: current.getValue('correlation_id')});
 *   var ts = String(Math.floor(new GlideDateTime().getNumericValue() / 1000));
 *   var mac = new GlideCertificateEncryption().generateMac(
 *       GlideStringUtil.base64Encode(secret), 'HmacSHA256', ts + '.' + body);
 *   var bytes = GlideStringUtil.base64DecodeAsBytes(mac), hex = '';
 *   for (var i = 0; i < bytes.length; i++) {
 *     hex += ('0' + (bytes[i] & 0xff).toString(16)).slice(-2);
 *   }
 *   var call = new sn_ws.RESTMessageV2();
 *   call.setEndpoint('https://rollgate.example.com/api/v1/webhooks/servicenow');
 *   call.setHttpMethod('post');
 *   call.setRequestHeader('Content-Type', 'application/json');
 *   call.setRequestHeader('X-Rollgate-Timestamp', ts);
 *   call.setRequestHeader('X-Rollgate-Signature', 'sha256=' + hex);
 *   call.setRequestBody(body);
 *   var answer = call.execute();
 *   if (answer.getStatusCode() != 202) {
 *     gs.warn('Rollgate webhook for ' + current.number + ': ' + answer.getStatusCode()
 *         + ' ' + answer.getBody());
 *   }
 * })(current, previous);
 * }</pre>
 */
@RestController
class CabDecisionWebhook {

  static final String PATH = "/api/v1/webhooks/servicenow";

  private static final Logger LOG = LoggerFactory.getLogger(CabDecisionWebhook.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What a caller is told when the call was taken. */
  record Receipt(String change, String decision, String outcome, String detail) {}

  private final WebhookSignatures signatures;
  private final ServiceNowClient servicenow;
  private final CabDecisionPublisher publisher;
  private final WebhookBody bodies;

  CabDecisionWebhook(
      WebhookSignatures signatures,
      ServiceNowClient servicenow,
      CamundaClient camunda,
      ServiceNowWebhookProperties properties) {
    this.signatures = signatures;
    this.servicenow = servicenow;
    this.publisher = new CabDecisionPublisher(camunda, properties.messageTimeToLive());
    this.bodies = new WebhookBody(properties.maxBodySize());
  }

  @PostMapping(PATH)
  ResponseEntity<?> receive(HttpServletRequest request) throws IOException {
    if (!WebhookBody.isJson(request.getContentType())) {
      // a browser can post text/plain cross-site without asking first; ServiceNow sends JSON
      return ProblemAdvice.answer(
          HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          "Webhook body not JSON",
          "send the call with Content-Type: application/json");
    }
    Optional<byte[]> body = bodies.read(request);
    if (body.isEmpty()) {
      return bodies.tooLarge();
    }
    WebhookSignatures.Verdict verdict =
        signatures.verify(
            request.getHeader(WebhookSignatures.TIMESTAMP_HEADER),
            request.getHeader(WebhookSignatures.SIGNATURE_HEADER),
            body.get());
    if (verdict instanceof WebhookSignatures.Refused refused) {
      LOG.warn(
          "servicenow webhook refused reason=\"{}\" remote={}",
          refused.reason(),
          request.getRemoteAddr());
      return ProblemAdvice.answer(
          HttpStatus.UNAUTHORIZED, "Webhook signature refused", refused.reason());
    }
    WebhookSignatures.Accepted accepted = (WebhookSignatures.Accepted) verdict;
    ResponseEntity<?> answer = handle(body.get());
    if (answer.getStatusCode().value() == HttpStatus.SERVICE_UNAVAILABLE.value()
        || answer.getStatusCode().value() == HttpStatus.BAD_GATEWAY.value()) {
      signatures.release(accepted);
    }
    return answer;
  }

  /** An authentic call: its claim, checked against ServiceNow, then published. */
  private ResponseEntity<?> handle(byte[] body) {
    JsonNode call;
    try {
      call = JSON.readTree(body);
    } catch (IOException e) {
      return ProblemAdvice.answer(
          HttpStatus.BAD_REQUEST, "Webhook body unreadable", "the body is not JSON");
    }
    String number = text(call, "number");
    String sysId = text(call, "sys_id");
    if (number.isEmpty() || sysId.isEmpty()) {
      return ProblemAdvice.answer(
          HttpStatus.BAD_REQUEST,
          "Webhook body incomplete",
          "'number' and 'sys_id' of the change are required");
    }
    try (ReleaseMdc mdc = ReleaseMdc.of(null, number)) {
      return confirmAndPublish(call, number, sysId);
    }
  }

  private ResponseEntity<?> confirmAndPublish(JsonNode call, String number, String sysId) {
    String approval = text(call, "approval");
    Optional<CabDecision> claimed = CabDecision.of(approval);
    if (claimed.isEmpty()) {
      return ResponseEntity.accepted()
          .body(
              new Receipt(
                  number,
                  null,
                  "ignored",
                  "approval '" + approval + "' is not a decision; nothing to do"));
    }
    CabDecision decision = claimed.get();
    RecordedApproval recorded;
    try {
      recorded = RecordedApproval.read(servicenow, sysId);
    } catch (ServiceNowNotFoundException e) {
      LOG.warn("cab decision not confirmed change={} reason=no-such-sys-id", number);
      return ProblemAdvice.answer(
          HttpStatus.CONFLICT,
          "CAB decision not confirmed",
          "ServiceNow has no change with sys_id " + sysId + "; nothing published");
    } catch (ConnectorException e) {
      return unreachable(number, e);
    }
    if (!recorded.number().equals(number)) {
      LOG.warn(
          "cab decision not confirmed change={} reason=sys-id-of-{}", number, recorded.number());
      return ProblemAdvice.answer(
          HttpStatus.CONFLICT,
          "CAB decision not confirmed",
          "sys_id " + sysId + " is change " + recorded.number() + ", not " + number);
    }
    if (!recorded.shows(decision)) {
      LOG.warn(
          "cab decision not confirmed change={} claimed={} servicenow_approval={}"
              + " approver_states={}",
          number,
          decision.servicenowValue(),
          recorded.approval(),
          recorded.approverStates());
      return ProblemAdvice.answer(
          HttpStatus.CONFLICT,
          "CAB decision not confirmed",
          "ServiceNow shows approval '"
              + recorded.approval()
              + "' for "
              + number
              + ", not '"
              + decision.servicenowValue()
              + "'; nothing published");
    }
    boolean published;
    try {
      published = publisher.publish(number, decision);
    } catch (ClientException e) {
      LOG.error(
          "cab decision not published change={} decision={} error=\"{}\"",
          number,
          decision,
          e.getMessage());
      return ProblemAdvice.answer(
          HttpStatus.SERVICE_UNAVAILABLE,
          "Engine unavailable",
          "the decision for " + number + " could not be published now; send it again later");
    }
    LOG.info(
        "cab decision change={} decision={} source=servicenow-webhook outcome={}",
        number,
        decision,
        published ? "published" : "already-published");
    return ResponseEntity.accepted()
        .body(
            new Receipt(
                number,
                decision.name(),
                published ? "published" : "already-published",
                published
                    ? "CAB decision " + decision + " for " + number + " published"
                    : "CAB decision " + decision + " for " + number + " was published before"));
  }

  private ResponseEntity<Object> unreachable(String number, ConnectorException e) {
    if (e.retryable()) {
      LOG.warn(
          "cab decision not confirmed change={} reason=servicenow-unreachable error=\"{}\"",
          number,
          e.detail());
      return ProblemAdvice.answer(
          HttpStatus.SERVICE_UNAVAILABLE,
          "ServiceNow unavailable",
          "Rollgate could not read change "
              + number
              + " from ServiceNow; send the call again later");
    }
    LOG.error(
        "cab decision not confirmed change={} reason=servicenow-refused status={} error=\"{}\"",
        number,
        e.status().map(String::valueOf).orElse("none"),
        e.detail());
    return ProblemAdvice.answer(
        HttpStatus.BAD_GATEWAY,
        "ServiceNow refused Rollgate's read",
        "reading change " + number + " failed: " + e.detail());
  }

  private static String text(JsonNode call, String field) {
    JsonNode value = call == null ? null : call.get(field);
    return value != null && value.isTextual() ? value.asText().trim() : "";
  }
}
