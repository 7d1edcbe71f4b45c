package io.rollgate.engine.internal.model;

/**
 * The form of a user task or start event ({@code zeebe:formDefinition}).
 *
 * @param formId the id of a linked Camunda form, or null
 * @param externalReference a form reference the task list resolves itself (the external reference
 *     or form key), or null
 * @param binding which version of the linked form
 */
public record FormLink(String formId, String externalReference, Binding binding) {}
