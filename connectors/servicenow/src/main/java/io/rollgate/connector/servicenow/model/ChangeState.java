package io.rollgate.connector.servicenow.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * The states of the Change Management state model and their stored values (New -5 … Review 0,
 * Closed 3, Canceled 4).
 */
public enum ChangeState {
  NEW(-5, "New"),
  ASSESS(-4, "Assess"),
  AUTHORIZE(-3, "Authorize"),
  SCHEDULED(-2, "Scheduled"),
  IMPLEMENT(-1, "Implement"),
  REVIEW(0, "Review"),
  CLOSED(3, "Closed"),
  CANCELED(4, "Canceled");

  private final int value;
  private final String label;

  ChangeState(int value, String label) {
    this.value = value;
    this.label = label;
  }

  /** The stored value, as sent in {@code state}. */
  public int value() {
    return value;
  }

  public String label() {
    return label;
  }

  /** Reads a stored value as the APIs write it: {@code -5}, {@code "-5"} or {@code 3.0}. */
  public static Optional<ChangeState> fromValue(String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    try {
      double d = Double.parseDouble(value.trim());
      return Arrays.stream(values()).filter(s -> s.value == d).findFirst();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
