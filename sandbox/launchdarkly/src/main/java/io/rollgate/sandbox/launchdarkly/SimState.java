package io.rollgate.sandbox.launchdarkly;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rollgate.sandbox.SimJson;
import io.rollgate.sandbox.SimProblem;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Projects, environments, flags and approval requests. One lock guards everything, so a change and
 * its publication to the SDK streams happen in one step, in order.
 */
final class SimState {

  private static final String APPROVAL_REQUIRED =
      "Approval is required to make this request: this environment requires an approved"
          + " approval request for flag changes";

  private final Clock clock;
  private final SdkFeed feed;
  private final Map<String, EnvRecord> environments = new LinkedHashMap<>();
  private final Map<String, FlagRecord> flags = new LinkedHashMap<>();
  private final Map<String, FlagSeed> seeds = new HashMap<>();
  private final Map<String, ApprovalRecord> approvals = new LinkedHashMap<>();
  private final AtomicLong ids = new AtomicLong(0x5f3a_0000_0000L);
  private int conflictsLeft;

  SimState(Clock clock, SdkFeed feed) {
    this.clock = clock;
    this.feed = feed;
  }

  synchronized EnvRecord addEnvironment(EnvironmentSeed seed) {
    String key = seed.projectKey() + "/" + seed.key();
    if (environments.containsKey(key)) {
      throw new SimProblem(409, "environment " + key + " already exists");
    }
    EnvRecord env = new EnvRecord(hex(nextId()), seed);
    environments.put(key, env);
    for (FlagRecord flag : flags.values()) {
      if (flag.projectKey.equals(seed.projectKey())) {
        addConfig(flag, env, seeds.get(flag.projectKey + "/" + flag.key));
      }
    }
    return env;
  }

  /** Turns the environment's approval requirement on or off, as an admin of the project would. */
  synchronized void requireApprovals(String projectKey, String environmentKey, boolean required) {
    EnvRecord env = environmentOf(projectKey, environmentKey);
    EnvironmentSeed seed = env.seed();
    environments.put(
        projectKey + "/" + environmentKey,
        new EnvRecord(
            env.id(),
            new EnvironmentSeed(
                seed.projectKey(), seed.key(), seed.name(), seed.sdkKey(), required)));
  }

  synchronized void seedFlag(FlagSeed seed) {
    String key = seed.projectKey() + "/" + seed.key();
    List<EnvRecord> projectEnvironments = environmentsOf(seed.projectKey());
    if (projectEnvironments.isEmpty()) {
      throw new SimProblem(
          400, "project " + seed.projectKey() + " has no environments; add one first");
    }
    FlagRecord flag = new FlagRecord(seed, now());
    flags.put(key, flag);
    seeds.put(key, seed);
    projectEnvironments.forEach(env -> addConfig(flag, env, seed));
  }

  private void addConfig(FlagRecord flag, EnvRecord env, FlagSeed seed) {
    Targeting targeting =
        new Targeting(
            seed.on(), seed.fallthroughVariation(), null, null, null, seed.offVariation());
    EnvConfig config =
        new EnvConfig(targeting, seed.version(), now(), hex(nextId()), hex(nextId()) + "sel");
    flag.environments.put(env.seed().key(), config);
    feed.publish(env.id(), flag.key, Representations.sdkFlag(flag, config));
  }

  synchronized ObjectNode flagJson(String projectKey, String flagKey, String onlyEnvironment) {
    FlagRecord flag = flag(projectKey, flagKey);
    return Representations.restFlag(flag, onlyEnvironment, env -> environmentName(projectKey, env));
  }

  /** Applies a semantic patch; {@code dryRun} answers the result without keeping it. */
  synchronized ObjectNode patchFlag(
      String projectKey, String flagKey, JsonNode body, boolean dryRun) {
    FlagRecord flag = flag(projectKey, flagKey);
    EnvRecord env = environmentOf(projectKey, body.path("environmentKey").asText(null));
    JsonNode instructions = body.get("instructions");
    SemanticPatch.requireInstructions(instructions);
    if (env.seed().approvalRequired() && !dryRun) {
      throw new SimProblem(405, APPROVAL_REQUIRED);
    }
    EnvConfig current = flag.environments.get(env.seed().key());
    Targeting next = SemanticPatch.apply(flag, current.targeting(), instructions);
    if (dryRun) {
      return flagJsonWith(flag, env, current.changedTo(next, now()));
    }
    if (conflictsLeft > 0) {
      conflictsLeft--;
      change(flag, env, current.touched(now()));
      throw new SimProblem(409, "Conflict. Optimistic lock error. Try again later.");
    }
    if (!next.equals(current.targeting())) {
      change(flag, env, current.changedTo(next, now()));
    }
    return Representations.restFlag(flag, null, key -> environmentName(projectKey, key));
  }

  private ObjectNode flagJsonWith(FlagRecord flag, EnvRecord env, EnvConfig preview) {
    EnvConfig kept = flag.environments.put(env.seed().key(), preview);
    try {
      return Representations.restFlag(flag, null, key -> environmentName(flag.projectKey, key));
    } finally {
      flag.environments.put(env.seed().key(), kept);
    }
  }

  private void change(FlagRecord flag, EnvRecord env, EnvConfig next) {
    flag.environments.put(env.seed().key(), next);
    flag.flagVersion++;
    feed.publish(env.id(), flag.key, Representations.sdkFlag(flag, next));
  }

  synchronized ObjectNode environmentJson(String projectKey, String environmentKey) {
    return Representations.environment(environmentOf(projectKey, environmentKey));
  }

  synchronized ObjectNode createApproval(
      String projectKey, String flagKey, String environmentKey, JsonNode body) {
    FlagRecord flag = flag(projectKey, flagKey);
    EnvRecord env = environmentOf(projectKey, environmentKey);
    String description = body.path("description").asText("");
    if (description.isBlank()) {
      throw new SimProblem(400, "description is required");
    }
    JsonNode instructions = body.get("instructions");
    SemanticPatch.apply(
        flag, flag.environments.get(environmentKey).targeting(), instructions); // validates only
    List<String> notify = new ArrayList<>();
    body.path("notifyMemberIds").forEach(id -> notify.add(id.asText()));
    ApprovalRecord approval =
        new ApprovalRecord(
            hex(nextId()),
            projectKey,
            flagKey,
            env.seed().key(),
            description,
            instructions.deepCopy(),
            notify,
            now());
    approvals.put(approval.id, approval);
    return Representations.approval(approval);
  }

  /**
   * The flag's approval requests in the environment, oldest first, as {@code GET
   * .../approval-requests} lists them.
   */
  synchronized ObjectNode approvalsJson(String projectKey, String flagKey, String environmentKey) {
    flag(projectKey, flagKey);
    EnvRecord env = environmentOf(projectKey, environmentKey);
    List<ApprovalRecord> matching =
        approvals.values().stream()
            .filter(
                a ->
                    a.projectKey.equals(projectKey)
                        && a.flagKey.equals(flagKey)
                        && a.environmentKey.equals(env.seed().key()))
            .toList();
    String self =
        "/api/v2/projects/"
            + projectKey
            + "/flags/"
            + flagKey
            + "/environments/"
            + environmentKey
            + "/approval-requests";
    return Representations.approvals(matching, self);
  }

  synchronized ObjectNode approvalJson(
      String projectKey, String flagKey, String environmentKey, String id) {
    return Representations.approval(approval(projectKey, flagKey, environmentKey, id));
  }

  synchronized ObjectNode review(
      String projectKey, String flagKey, String environmentKey, String id, JsonNode body) {
    ApprovalRecord approval = approval(projectKey, flagKey, environmentKey, id);
    return review(approval, body.path("kind").asText(""), body.path("comment").asText(null));
  }

  synchronized ObjectNode review(String id, String kind, String comment) {
    ApprovalRecord approval = approvals.get(id);
    if (approval == null) {
      throw new SimProblem(404, "Unknown approval request " + id);
    }
    return review(approval, kind, comment);
  }

  private ObjectNode review(ApprovalRecord approval, String kind, String comment) {
    switch (kind) {
      case "approve":
        approval.reviewStatus = "approved";
        break;
      case "decline":
        approval.reviewStatus = "declined";
        break;
      case "comment":
        break;
      default:
        throw new SimProblem(400, "review kind must be approve, decline or comment");
    }
    ObjectNode review = approval.reviews.addObject().put("_id", hex(nextId())).put("kind", kind);
    review.put("creationDate", now()).put("memberId", "sim-reviewer");
    if (comment != null) {
      review.put("comment", comment);
    }
    approval.version++;
    return Representations.approval(approval);
  }

  synchronized ObjectNode applyApproval(
      String projectKey, String flagKey, String environmentKey, String id) {
    ApprovalRecord approval = approval(projectKey, flagKey, environmentKey, id);
    if ("completed".equals(approval.status)) {
      throw new SimProblem(400, "approval request " + id + " has already been applied");
    }
    if (!"approved".equals(approval.reviewStatus)) {
      throw new SimProblem(
          400, "approval request " + id + " is " + approval.reviewStatus + ", not approved");
    }
    FlagRecord flag = flag(projectKey, flagKey);
    EnvRecord env = environmentOf(projectKey, environmentKey);
    EnvConfig current = flag.environments.get(environmentKey);
    Targeting next = SemanticPatch.apply(flag, current.targeting(), approval.instructions);
    if (!next.equals(current.targeting())) {
      change(flag, env, current.changedTo(next, now()));
    }
    approval.status = "completed";
    approval.appliedDate = now();
    approval.version++;
    return Representations.approval(approval);
  }

  synchronized Optional<EnvRecord> environmentBySdkKey(String sdkKey) {
    return environments.values().stream().filter(e -> e.seed().sdkKey().equals(sdkKey)).findFirst();
  }

  synchronized void conflictNext(int count) {
    conflictsLeft = Math.max(0, count);
  }

  synchronized void pausePropagation() {
    feed.pause();
  }

  synchronized void resumePropagation() {
    Map<String, Map<String, ObjectNode>> current = new HashMap<>();
    for (EnvRecord env : environments.values()) {
      Map<String, ObjectNode> envFlags = new LinkedHashMap<>();
      for (FlagRecord flag : flags.values()) {
        EnvConfig config = flag.environments.get(env.seed().key());
        if (flag.projectKey.equals(env.seed().projectKey()) && config != null) {
          envFlags.put(flag.key, Representations.sdkFlag(flag, config));
        }
      }
      current.put(env.id(), envFlags);
    }
    feed.resume(current);
  }

  synchronized int version(String projectKey, String flagKey, String environmentKey) {
    EnvConfig config = flag(projectKey, flagKey).environments.get(environmentKey);
    if (config == null) {
      throw new SimProblem(404, "Unknown environment " + environmentKey);
    }
    return config.version();
  }

  synchronized List<String> approvalIds() {
    return List.copyOf(approvals.keySet());
  }

  synchronized List<String> approvalIds(String flagKey) {
    return approvals.values().stream()
        .filter(a -> a.flagKey.equals(flagKey))
        .map(a -> a.id)
        .toList();
  }

  synchronized ObjectNode summary() {
    ObjectNode json = SimJson.object();
    environments.values().forEach(e -> json.withArray("environments").add(e.seed().key()));
    flags.values().forEach(f -> json.withArray("flags").add(f.projectKey + "/" + f.key));
    return json;
  }

  private FlagRecord flag(String projectKey, String flagKey) {
    FlagRecord flag = flags.get(projectKey + "/" + flagKey);
    if (flag == null) {
      throw new SimProblem(404, "Unknown resource: flag " + projectKey + "/" + flagKey);
    }
    return flag;
  }

  private ApprovalRecord approval(
      String projectKey, String flagKey, String environmentKey, String id) {
    ApprovalRecord approval = approvals.get(id);
    if (approval == null
        || !approval.projectKey.equals(projectKey)
        || !approval.flagKey.equals(flagKey)
        || !approval.environmentKey.equals(environmentKey)) {
      throw new SimProblem(404, "Unknown resource: approval request " + id);
    }
    return approval;
  }

  private EnvRecord environmentOf(String projectKey, String environmentKey) {
    if (environmentKey == null || environmentKey.isBlank()) {
      throw new SimProblem(400, "environmentKey is required for these instructions");
    }
    EnvRecord env = environments.get(projectKey + "/" + environmentKey);
    if (env == null) {
      throw new SimProblem(404, "Unknown resource: environment " + environmentKey);
    }
    return env;
  }

  private List<EnvRecord> environmentsOf(String projectKey) {
    return environments.values().stream()
        .filter(e -> e.seed().projectKey().equals(projectKey))
        .toList();
  }

  private String environmentName(String projectKey, String environmentKey) {
    EnvRecord env = environments.get(projectKey + "/" + environmentKey);
    return env == null ? environmentKey : env.seed().name();
  }

  private long now() {
    return clock.millis();
  }

  private String nextId() {
    return Long.toString(ids.incrementAndGet());
  }

  private static String hex(String id) {
    return String.format("%024x", Long.parseLong(id));
  }
}
