package io.rollgate.connector.servicenow.model;

/**
 * One scheduling conflict found by a conflict check.
 *
 * @param type for example {@code ci_already_scheduled} with its label
 * @param change the change that was checked
 * @param conflictingChange the other change, {@link FieldValue#EMPTY} when the answer names none
 * @param configurationItem the CI in conflict, {@link FieldValue#EMPTY} when not named
 */
public record Conflict(
    FieldValue type,
    FieldValue change,
    FieldValue conflictingChange,
    FieldValue configurationItem) {}
