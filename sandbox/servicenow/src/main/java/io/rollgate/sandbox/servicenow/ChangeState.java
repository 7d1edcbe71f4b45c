package io.rollgate.sandbox.servicenow;

import java.util.Arrays;
import java.util.Optional;

/** The Change Management state model's states with their stored values. */
enum ChangeState {
  NEW(-5, "New"),
  ASSESS(-4, "Assess"),
  AUTHORIZE(-3, "Authorize"),
  SCHEDULED(-2, "Scheduled"),
  IMPLEMENT(-1, "Implement"),
  REVIEW(0, "Review"),
  CLOSED(3, "Closed"),
  CANCELED(4, "Canceled");

  final int value;
  final String label;

  ChangeState(int value, String label) {
    this.value = value;
    this.label = label;
  }

  /** Reads {@code -5}, {@code "-5"}, {@code "-5.0"} or a label such as {@code implement}. */
  static Optional<ChangeState> parse(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    String t = text.trim();
    try {
      int v = (int) Double.parseDouble(t);
      return Arrays.stream(values()).filter(s -> s.value == v).findFirst();
    } catch (NumberFormatException notNumber) {
      return Arrays.stream(values()).filter(s -> s.label.equalsIgnoreCase(t)).findFirst();
    }
  }

  boolean terminal() {
    return this == CLOSED || this == CANCELED;
  }
}
