package io.rollgate.app.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.rollgate.processes.Lifecycle;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ServiceNow calls this when the CAB approves or rejects a change: the decision becomes the {@code
 * cab-decision} message, correlated by the change number, so the waiting release resumes at once.
 * Polling stays the fallback when a call never arrives.
 *
 * <p>The body is {@code {"number","sys_id","correlation_id","approval","state"}} with {@code
 * approval} {@code approved} or {@code rejected}; other approval values (still {@code requested})
 * are acknowledged and ignored. The message carries a message id per change and decision, so a
 * webhook ServiceNow repeats is published once.
 */
public final class CabDecisionWebhook {

  private static final Logger LOG = LoggerFactory.getLogger(CabDecisionWebhook.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the caller is told. */
  public record Outcome(int status, String detail) {}

  private final CamundaClient client;
  private final Duration messageTimeToLive;

  public CabDecisionWebhook(CamundaClient client, Duration messageTimeToLive) {
    this.client = client;
    this.messageTimeToLive = messageTimeToLive;
  }

  /** Handles one call; never throws for bad input, answers 400 with what is wrong instead. */
  public Outcome handle(byte[] body) {
    JsonNode call;
    try {
      call = JSON.readTree(body);
    } catch (IOException e) {
      return new Outcome(400, "the body is not JSON");
    }
    if (call == null
        || !call.path("number").isTextual()
        || call.path("number").asText().isBlank()) {
      return new Outcome(400, "'number' (the change number) is required");
    }
    String number = call.path("number").asText();
    String approval = call.path("approval").asText("").toLowerCase(Locale.ROOT);
    String decision;
    switch (approval) {
      case "approved":
        decision = "APPROVED";
        break;
      case "rejected":
        decision = "REJECTED";
        break;
      default:
        return new Outcome(202, "approval '" + approval + "' is not a decision; nothing to do");
    }
    client
        .newPublishMessageCommand()
        .messageName(Lifecycle.Messages.CAB_DECISION)
        .correlationKey(number)
        .messageId(number + "-" + decision)
        .timeToLive(messageTimeToLive)
        .variables(Map.of(Lifecycle.Variables.CAB_DECISION, decision))
        .send()
        .join();
    LOG.info("cab decision change={} decision={} source=servicenow-webhook", number, decision);
    return new Outcome(202, "CAB decision " + decision + " for " + number + " published");
  }
}
