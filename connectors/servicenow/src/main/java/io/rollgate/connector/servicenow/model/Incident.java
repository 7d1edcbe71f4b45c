package io.rollgate.connector.servicenow.model;

/**
 * An incident from the Table API.
 *
 * @param priority 1 (critical) to 5 (planning); 0 when the answer carries none
 * @param state stored value and label
 * @param cmdbCi the configuration item's sys_id and name
 * @param businessService the service's sys_id and name
 */
public record Incident(
    String sysId,
    String number,
    String shortDescription,
    int priority,
    FieldValue state,
    boolean active,
    FieldValue cmdbCi,
    FieldValue businessService) {}
