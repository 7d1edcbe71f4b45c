package io.rollgate.connector.servicenow.model;

import java.util.Map;

/**
 * A change request as the Change Management API returns it.
 *
 * @param sysId 32 hex characters
 * @param number for example {@code CHG0030001}
 * @param approval the {@code approval} value: {@code not requested}, {@code requested}, {@code
 *     approved} or {@code rejected}
 * @param fields every field of the answer, by name
 */
public record ChangeRequest(
    String sysId,
    String number,
    ChangeType type,
    ChangeState state,
    String correlationId,
    String shortDescription,
    String approval,
    Map<String, FieldValue> fields) {

  public ChangeRequest {
    fields = Map.copyOf(fields);
  }

  /** A field by name, {@link FieldValue#EMPTY} when the answer did not carry it. */
  public FieldValue field(String name) {
    return fields.getOrDefault(name, FieldValue.EMPTY);
  }
}
