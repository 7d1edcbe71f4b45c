package io.rollgate.connector.servicenow.model;

/**
 * One approval record ({@code sysapproval_approver}) of a change.
 *
 * @param state {@code requested}, {@code approved}, {@code rejected}, {@code not requested} …
 * @param approver the approver's sys_id and name
 * @param changeSysId the change it decides ({@code sysapproval})
 */
public record Approval(
    String sysId, String state, FieldValue approver, String comments, String changeSysId) {

  public boolean approved() {
    return "approved".equals(state);
  }

  public boolean rejected() {
    return "rejected".equals(state);
  }
}
