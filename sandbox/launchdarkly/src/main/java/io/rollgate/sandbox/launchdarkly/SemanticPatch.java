package io.rollgate.sandbox.launchdarkly;

import com.fasterxml.jackson.databind.JsonNode;
import io.rollgate.sandbox.SimProblem;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Applies LaunchDarkly semantic patch instructions to one environment's targeting. Refusals are
 * {@link SimProblem}s with status 400, as LaunchDarkly answers an invalid instruction.
 */
final class SemanticPatch {

  static final int FULL_WEIGHT = 100_000;

  private SemanticPatch() {}

  /** Checks the instruction list's shape: a non-empty array of objects with a kind. */
  static void requireInstructions(JsonNode instructions) {
    if (instructions == null || !instructions.isArray() || instructions.isEmpty()) {
      throw new SimProblem(400, "instructions must be a non-empty array");
    }
  }

  static Targeting apply(FlagRecord flag, Targeting targeting, JsonNode instructions) {
    requireInstructions(instructions);
    Targeting result = targeting;
    for (JsonNode instruction : instructions) {
      result = applyOne(flag, result, instruction);
    }
    return result;
  }

  private static Targeting applyOne(FlagRecord flag, Targeting t, JsonNode instruction) {
    String kind = instruction.path("kind").asText("");
    switch (kind) {
      case "turnFlagOn":
        return t.withOn(true);
      case "turnFlagOff":
        return t.withOn(false);
      case "updateOffVariation":
        return t.withOffVariation(variationIndex(flag, instruction));
      case "updateFallthroughVariationOrRollout":
        return fallthrough(flag, t, instruction);
      case "updateRuleVariationOrRollout":
        throw new SimProblem(
            400,
            "rule '" + instruction.path("ruleId").asText("") + "' not found on flag " + flag.key);
      case "":
        throw new SimProblem(400, "each instruction needs a kind");
      default:
        throw new SimProblem(400, "unknown instruction kind '" + kind + "'");
    }
  }

  private static Targeting fallthrough(FlagRecord flag, Targeting t, JsonNode instruction) {
    boolean hasVariation = instruction.hasNonNull("variationId");
    boolean hasRollout = instruction.hasNonNull("rolloutWeights");
    if (hasVariation == hasRollout) {
      throw new SimProblem(
          400, "updateFallthroughVariationOrRollout needs either variationId or rolloutWeights");
    }
    if (hasVariation) {
      return t.withFallthroughVariation(variationIndex(flag, instruction));
    }
    List<Integer> weights = rolloutWeights(flag, instruction.get("rolloutWeights"));
    String bucketBy = text(instruction, "rolloutBucketBy");
    String contextKind = text(instruction, "rolloutContextKind");
    return t.withRollout(
        weights, bucketBy == null ? "key" : bucketBy, contextKind == null ? "user" : contextKind);
  }

  private static List<Integer> rolloutWeights(FlagRecord flag, JsonNode weightsById) {
    if (!weightsById.isObject() || weightsById.isEmpty()) {
      throw new SimProblem(400, "rolloutWeights must map variation ids to weights");
    }
    List<Integer> weights = new ArrayList<>();
    flag.variations.forEach(v -> weights.add(0));
    long sum = 0;
    Iterator<Map.Entry<String, JsonNode>> fields = weightsById.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      OptionalInt index = flag.indexOf(field.getKey());
      if (index.isEmpty()) {
        throw new SimProblem(400, "unknown variation id '" + field.getKey() + "'");
      }
      JsonNode weight = field.getValue();
      if (!weight.isIntegralNumber() || weight.asLong() < 0 || weight.asLong() > FULL_WEIGHT) {
        throw new SimProblem(400, "rollout weights must be integers between 0 and 100000");
      }
      weights.set(index.getAsInt(), weight.asInt());
      sum += weight.asLong();
    }
    if (sum != FULL_WEIGHT) {
      throw new SimProblem(400, "rollout weights must sum to 100000, got " + sum);
    }
    return weights;
  }

  private static int variationIndex(FlagRecord flag, JsonNode instruction) {
    String id = text(instruction, "variationId");
    if (id == null) {
      throw new SimProblem(
          400, instruction.path("kind").asText() + " needs a variationId of the flag");
    }
    return flag.indexOf(id)
        .orElseThrow(() -> new SimProblem(400, "unknown variation id '" + id + "'"));
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
