package io.rollgate.connector.launchdarkly;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** LaunchDarkly's JSON shapes, as far as Rollgate reads or writes them (OpenAPI schema names). */
final class Dto {

  private Dto() {}

  /** {@code FeatureFlag}. */
  record Flag(
      String key,
      @JsonProperty("_version") Integer version,
      List<Variation> variations,
      Map<String, FlagConfig> environments) {}

  /** {@code Variation}. */
  record Variation(@JsonProperty("_id") String id, JsonNode value, String name) {}

  /** {@code FeatureFlagConfig}. */
  record FlagConfig(Boolean on, Integer version, Fallthrough fallthrough, Integer offVariation) {}

  /** {@code VariationOrRolloutRep}. */
  record Fallthrough(Integer variation, Rollout rollout) {}

  /** {@code Rollout}. */
  record Rollout(List<WeightedVariation> variations, String bucketBy, String contextKind) {}

  /** {@code WeightedVariation}. */
  record WeightedVariation(Integer variation, Integer weight) {}

  /** {@code SemanticPatchFlag}: instructions are maps because each kind has its own fields. */
  record SemanticPatch(
      String environmentKey, String comment, List<Map<String, Object>> instructions) {}

  /** {@code Environment}. */
  record Environment(String key, String name, ApprovalSettings approvalSettings) {}

  /** {@code ApprovalSettings}. */
  record ApprovalSettings(Boolean required) {}

  /** {@code createFlagConfigApprovalRequestRequest}. */
  record CreateApproval(
      String description, String comment, List<Map<String, Object>> instructions) {}

  /** {@code postApprovalRequestApplyRequest}. */
  record ApplyApproval(String comment) {}

  /** {@code FlagConfigApprovalRequestResponse}. */
  record Approval(
      @JsonProperty("_id") String id,
      String description,
      String reviewStatus,
      String status,
      Long creationDate,
      Long appliedDate,
      List<JsonNode> instructions) {}

  /** {@code FlagConfigApprovalRequestsResponse}. */
  record Approvals(List<Approval> items) {}

  /** LaunchDarkly's error body, for example {@code {"code":"rate_limited","message":"..."}}. */
  record Error(String code, String message) {}
}
