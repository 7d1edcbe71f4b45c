package io.rollgate.connector.servicenow.model;

/**
 * One field as ServiceNow returns it: the stored value (a sys_id for references, a number written
 * without a fraction, {@code true}/{@code false}) and its display value. When the answer carries
 * only one of them, both hold it. Never {@code null}; an absent field is two empty strings.
 */
public record FieldValue(String value, String displayValue) {

  public static final FieldValue EMPTY = new FieldValue("", "");

  public FieldValue {
    value = value == null ? "" : value;
    displayValue = displayValue == null ? "" : displayValue;
  }

  public boolean isEmpty() {
    return value.isEmpty() && displayValue.isEmpty();
  }
}
