package io.rollgate.connector.servicenow.model;

/** How a change ended, as its {@code close_code}. */
public enum CloseCode {
  SUCCESSFUL("successful"),
  SUCCESSFUL_ISSUES("successful_issues"),
  UNSUCCESSFUL("unsuccessful");

  private final String value;

  CloseCode(String value) {
    this.value = value;
  }

  public String value() {
    return value;
  }
}
