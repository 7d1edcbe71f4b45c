package io.rollgate.connector.servicenow.model;

/**
 * A change task.
 *
 * @param state stored value and label, for example {@code 1}/{@code Open}
 */
public record ChangeTask(
    String sysId,
    String number,
    String shortDescription,
    FieldValue state,
    boolean active,
    String changeSysId) {}
