package io.rollgate.connector.ci.github;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Objects;

/**
 * The answer to a custom deployment protection rule: approve or reject the run's deployment to
 * {@code environmentName}, with a comment shown on the run.
 */
public record ProtectionRuleReview(String environmentName, Decision state, String comment) {

  /** GitHub's {@code state}. */
  public enum Decision {
    @JsonProperty("approved")
    APPROVED,
    @JsonProperty("rejected")
    REJECTED
  }

  public ProtectionRuleReview {
    Objects.requireNonNull(environmentName, "environmentName");
    Objects.requireNonNull(state, "state");
  }

  public static ProtectionRuleReview approve(String environmentName, String comment) {
    return new ProtectionRuleReview(environmentName, Decision.APPROVED, comment);
  }

  public static ProtectionRuleReview reject(String environmentName, String comment) {
    return new ProtectionRuleReview(environmentName, Decision.REJECTED, comment);
  }
}
