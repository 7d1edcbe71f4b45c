package io.rollgate.connector.servicenow.model;

import java.util.Arrays;

/** The ITIL change types the Change Management API creates, with their stored values. */
public enum ChangeType {
  NORMAL("normal"),
  EMERGENCY("emergency"),
  STANDARD("standard");

  private final String value;

  ChangeType(String value) {
    this.value = value;
  }

  /** The stored value, also the path segment of the create endpoint ({@code /change/normal}). */
  public String value() {
    return value;
  }

  /**
   * @throws IllegalArgumentException for a type this client does not know
   */
  public static ChangeType fromValue(String value) {
    return Arrays.stream(values())
        .filter(t -> t.value.equalsIgnoreCase(value == null ? "" : value.trim()))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown change type '" + value + "'"));
  }
}
