package io.rollgate.app.webhook;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientHttpException;
import io.camunda.client.api.command.ClientStatusException;
import io.rollgate.processes.Lifecycle;
import java.time.Duration;
import java.util.Map;

/**
 * Publishes a confirmed CAB decision as the {@code cab-decision} message, correlated by the change
 * number. The message id is the change and the decision, so the engine takes a decision once
 * however often ServiceNow (or a replay on another instance) delivers it.
 */
final class CabDecisionPublisher {

  private final CamundaClient client;
  private final Duration timeToLive;

  CabDecisionPublisher(CamundaClient client, Duration timeToLive) {
    this.client = client;
    this.timeToLive = timeToLive;
  }

  static String messageId(String number, CabDecision decision) {
    return number + "-" + decision.name();
  }

  /**
   * @return true when published now, false when the engine already holds this decision
   * @throws io.camunda.client.api.command.ClientException when the engine cannot be reached or
   *     refuses the message for another reason
   */
  boolean publish(String number, CabDecision decision) {
    try {
      client
          .newPublishMessageCommand()
          .messageName(Lifecycle.Messages.CAB_DECISION)
          .correlationKey(number)
          .messageId(messageId(number, decision))
          .timeToLive(timeToLive)
          .variables(Map.of(Lifecycle.Variables.CAB_DECISION, decision.name()))
          .send()
          .join();
      return true;
    } catch (ClientHttpException e) {
      if (e.code() == 409) {
        return false;
      }
      throw e;
    } catch (ClientStatusException e) {
      // a cluster reached over gRPC says the same thus
      if (e.getStatusCode() == io.grpc.Status.Code.ALREADY_EXISTS) {
        return false;
      }
      throw e;
    }
  }
}
