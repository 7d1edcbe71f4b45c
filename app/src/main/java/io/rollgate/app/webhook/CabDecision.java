package io.rollgate.app.webhook;

import java.util.Locale;
import java.util.Optional;

/**
 * The CAB's decisions, as ServiceNow writes them in {@code approval} and as the release reads them.
 */
enum CabDecision {
  APPROVED("approved"),
  REJECTED("rejected");

  private final String servicenowValue;

  CabDecision(String servicenowValue) {
    this.servicenowValue = servicenowValue;
  }

  /** The value of ServiceNow's {@code approval} field and approval records' {@code state}. */
  String servicenowValue() {
    return servicenowValue;
  }

  /** The decision an approval value stands for; empty for {@code requested} and the like. */
  static Optional<CabDecision> of(String approval) {
    String value = approval == null ? "" : approval.trim().toLowerCase(Locale.ROOT);
    for (CabDecision decision : values()) {
      if (decision.servicenowValue.equals(value)) {
        return Optional.of(decision);
      }
    }
    return Optional.empty();
  }
}
