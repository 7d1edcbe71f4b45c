package io.rollgate.sandbox.launchdarkly;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rollgate.sandbox.SimJson;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * JSON shapes: the REST API's (as the OpenAPI spec's {@code FeatureFlag}, {@code Environment} and
 * {@code FlagConfigApprovalRequestResponse} / {@code FlagConfigApprovalRequestsResponse} schemas
 * require) and the server-side SDK's flag format.
 */
final class Representations {

  private Representations() {}

  static ObjectNode error(String code, String message) {
    return SimJson.object().put("code", code).put("message", message);
  }

  static String errorCode(int status) {
    switch (status) {
      case 400:
        return "invalid_request";
      case 401:
        return "unauthorized";
      case 403:
        return "forbidden";
      case 404:
        return "not_found";
      case 405:
        return "method_not_allowed";
      case 409:
        return "optimistic_locking_error";
      case 429:
        return "rate_limited";
      case 503:
        return "service_unavailable";
      default:
        return status >= 500 ? "internal_server_error" : "invalid_request";
    }
  }

  /**
   * The REST representation of a flag.
   *
   * @param environmentName the display name of an environment key
   * @param onlyEnvironment the {@code env} filter, or {@code null} for every environment
   */
  static ObjectNode restFlag(
      FlagRecord flag, String onlyEnvironment, Function<String, String> environmentName) {
    ObjectNode json = SimJson.object();
    json.put("name", flag.name)
        .put("kind", flag.isBoolean() ? "boolean" : "multivariate")
        .put("key", flag.key)
        .put("_version", flag.flagVersion)
        .put("creationDate", flag.creationDate)
        .put("includeInSnippet", false)
        .put("temporary", true)
        .put("archived", false)
        .put("deprecated", false);
    json.putObject("clientSideAvailability")
        .put("usingEnvironmentId", false)
        .put("usingMobileKey", false);
    ArrayNode variations = json.putArray("variations");
    for (VariationSeed v : flag.variations) {
      ObjectNode variation = variations.addObject().put("_id", v.id());
      variation.set("value", v.value());
      if (v.name() != null) {
        variation.put("name", v.name());
      }
    }
    json.putArray("tags");
    json.putObject("customProperties");
    json.putObject("experiments").put("baselineIdx", 0).putArray("items");
    json.putObject("defaults").put("onVariation", 0).put("offVariation", 1);
    ObjectNode links = json.putObject("_links");
    link(links, "parent", "/api/v2/flags/" + flag.projectKey, "application/json");
    link(links, "self", "/api/v2/flags/" + flag.projectKey + "/" + flag.key, "application/json");
    ObjectNode environments = json.putObject("environments");
    for (Map.Entry<String, EnvConfig> e : flag.environments.entrySet()) {
      if (onlyEnvironment == null || onlyEnvironment.equals(e.getKey())) {
        environments.set(
            e.getKey(),
            restEnvironmentConfig(
                flag, e.getKey(), environmentName.apply(e.getKey()), e.getValue()));
      }
    }
    return json;
  }

  private static ObjectNode restEnvironmentConfig(
      FlagRecord flag, String environmentKey, String environmentName, EnvConfig config) {
    Targeting t = config.targeting();
    ObjectNode json = SimJson.object();
    json.put("_environmentName", environmentName)
        .put("archived", false)
        .put("on", t.on())
        .put("salt", config.salt())
        .put("sel", config.sel())
        .put("lastModified", config.lastModified())
        .put("version", config.version())
        .put("trackEvents", false)
        .put("trackEventsFallthrough", false)
        .put("offVariation", t.offVariation());
    link(
        json,
        "_site",
        "/" + flag.projectKey + "/" + environmentKey + "/features/" + flag.key,
        "text/html");
    json.putArray("targets");
    json.putArray("contextTargets");
    json.putArray("rules");
    json.putArray("prerequisites");
    json.set("fallthrough", fallthrough(t));
    return json;
  }

  /** The flag as the server-side SDKs receive it from the streaming and polling endpoints. */
  static ObjectNode sdkFlag(FlagRecord flag, EnvConfig config) {
    Targeting t = config.targeting();
    ObjectNode json = SimJson.object();
    json.put("key", flag.key)
        .put("version", config.version())
        .put("on", t.on())
        .put("salt", config.salt())
        .put("offVariation", t.offVariation())
        .put("trackEvents", false)
        .put("trackEventsFallthrough", false)
        .put("clientSide", false)
        .put("deleted", false);
    json.putArray("prerequisites");
    json.putArray("targets");
    json.putArray("contextTargets");
    json.putArray("rules");
    json.set("fallthrough", fallthrough(t));
    ArrayNode values = json.putArray("variations");
    flag.variations.forEach(v -> values.add(v.value()));
    json.putObject("clientSideAvailability")
        .put("usingEnvironmentId", false)
        .put("usingMobileKey", false);
    return json;
  }

  /** The same JSON in both formats: {@code {variation}} or {@code {rollout:{variations:[...]}}}. */
  private static ObjectNode fallthrough(Targeting t) {
    ObjectNode json = SimJson.object();
    if (t.rolloutWeights() == null) {
      json.put("variation", t.fallthroughVariation());
      return json;
    }
    ObjectNode rollout = json.putObject("rollout");
    ArrayNode variations = rollout.putArray("variations");
    for (int i = 0; i < t.rolloutWeights().size(); i++) {
      variations.addObject().put("variation", i).put("weight", t.rolloutWeights().get(i));
    }
    rollout.put("bucketBy", t.rolloutBucketBy()).put("contextKind", t.rolloutContextKind());
    return json;
  }

  static ObjectNode environment(EnvRecord env) {
    EnvironmentSeed seed = env.seed();
    ObjectNode json = SimJson.object();
    ObjectNode links = json.putObject("_links");
    link(
        links,
        "self",
        "/api/v2/projects/" + seed.projectKey() + "/environments/" + seed.key(),
        "application/json");
    json.put("_id", env.id())
        .put("key", seed.key())
        .put("name", seed.name())
        .put("apiKey", seed.sdkKey())
        .put("mobileKey", "mob-" + env.id())
        .put("color", "417505")
        .put("defaultTtl", 0)
        .put("secureMode", false)
        .put("defaultTrackEvents", false)
        .put("requireComments", false)
        .put("confirmChanges", false)
        .put("critical", seed.approvalRequired());
    json.putArray("tags");
    ObjectNode approvals = json.putObject("approvalSettings");
    approvals
        .put("required", seed.approvalRequired())
        .put("bypassApprovalsForPendingChanges", false)
        .put("minNumApprovals", 1)
        .put("canReviewOwnRequest", false)
        .put("canApplyDeclinedChanges", false)
        .put("autoApplyApprovedChanges", false)
        .put("serviceKind", "launchdarkly");
    approvals.putObject("serviceConfig");
    approvals.putArray("requiredApprovalTags");
    return json;
  }

  static ObjectNode approval(ApprovalRecord a) {
    ObjectNode json = SimJson.object();
    json.put("_id", a.id)
        .put("_version", a.version)
        .put("creationDate", a.creationDate)
        .put("serviceKind", "launchdarkly")
        .put("requestorId", "rollgate-simulator")
        .put("description", a.description)
        .put("reviewStatus", a.reviewStatus)
        .put("status", a.status);
    json.set("allReviews", a.reviews.deepCopy());
    ArrayNode notify = json.putArray("notifyMemberIds");
    a.notifyMemberIds.forEach(notify::add);
    json.set("instructions", a.instructions.deepCopy());
    json.putArray("conflicts");
    if (a.appliedDate != null) {
      json.put("appliedDate", a.appliedDate);
    }
    String self =
        "/api/v2/projects/"
            + a.projectKey
            + "/flags/"
            + a.flagKey
            + "/environments/"
            + a.environmentKey
            + "/approval-requests/"
            + a.id;
    link(json.putObject("_links"), "self", self, "application/json");
    return json;
  }

  /** {@code FlagConfigApprovalRequestsResponse}: a flag's approval requests in one environment. */
  static ObjectNode approvals(List<ApprovalRecord> approvals, String selfHref) {
    ObjectNode json = SimJson.object();
    ArrayNode items = json.putArray("items");
    approvals.forEach(a -> items.add(approval(a)));
    link(json.putObject("_links"), "self", selfHref, "application/json");
    return json;
  }

  private static void link(ObjectNode parent, String name, String href, String type) {
    parent.putObject(name).put("href", href).put("type", type);
  }
}
