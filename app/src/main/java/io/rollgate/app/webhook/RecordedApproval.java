package io.rollgate.app.webhook;

import io.rollgate.connector.servicenow.ServiceNowClient;
import io.rollgate.connector.servicenow.model.Approval;
import io.rollgate.connector.servicenow.model.ChangeRequest;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What ServiceNow itself shows about a change's approval, read back before a webhook's claim is
 * believed.
 *
 * @param number the change's number
 * @param approval the change's {@code approval} field
 * @param approverStates the {@code state} of each of its approval records, oldest first
 */
record RecordedApproval(String number, String approval, List<String> approverStates) {

  /**
   * Reads the change and its approval records.
   *
   * @throws io.rollgate.connector.ConnectorException as {@link ServiceNowClient} does, for example
   *     a retryable one when ServiceNow cannot be reached
   */
  static RecordedApproval read(ServiceNowClient servicenow, String sysId) {
    ChangeRequest change = servicenow.getChange(sysId);
    List<String> states =
        servicenow.approvals(sysId).stream().map(Approval::state).collect(Collectors.toList());
    return new RecordedApproval(change.number(), change.approval(), List.copyOf(states));
  }

  /**
   * True when the change carries the decision and at least one approver's record says so too: the
   * change's field alone can be written by anyone with write access to the change, a record is the
   * approver's own.
   */
  boolean shows(CabDecision decision) {
    String value = decision.servicenowValue();
    return value.equals(approval) && approverStates.contains(value);
  }
}
