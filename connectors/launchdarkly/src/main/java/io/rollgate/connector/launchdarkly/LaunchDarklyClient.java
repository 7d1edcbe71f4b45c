package io.rollgate.connector.launchdarkly;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.rollgate.connector.ApiCalls;
import io.rollgate.connector.NonRetryableException;
import io.rollgate.connector.Resilience;
import io.rollgate.connector.RetrofitApi;
import io.rollgate.connector.RetryableException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * LaunchDarkly REST API v2 client: reads a flag's targeting in an environment and changes it with
 * semantic patch ({@code Content-Type: application/json; domain-model=launchdarkly.semanticpatch}),
 * directly or through an approval request where the environment requires approval.
 *
 * <p>Every call runs through the system's {@link Resilience} ({@code launchdarkly}): timeouts, 5xx
 * and 429 are repeated, waiting what LaunchDarkly asked for ({@code X-Ratelimit-Reset}, epoch
 * milliseconds) or an exponential back-off; the circuit breaker is shared by every call. A 409
 * optimistic-locking conflict on a change is handled here: the flag is read again and, unless it
 * already is as wanted, the change is sent again, up to {@link
 * LaunchDarklySettings#maxConflictRetries()} times. Opening an approval request is idempotent: each
 * attempt first looks for an open request carrying the same change (see {@link #requestApproval}).
 *
 * <p>Failures: {@link RetryableException} when attempts ran out on transient failures; {@link
 * ApprovalRequiredException} when a direct change meets an environment requiring approval; {@link
 * FlagConflictException} when conflicts persisted; {@link NonRetryableException} for everything
 * else (401 bad token, 403, 404 unknown project/flag/environment, 400 invalid change). Thread-safe.
 */
public final class LaunchDarklyClient {

  static final String SYSTEM = "launchdarkly";
  private static final Logger LOG = LoggerFactory.getLogger(LaunchDarklyClient.class);

  /** JSON equality with numbers compared by value, so {@code 10000} matches {@code 10000.0}. */
  private static final Comparator<JsonNode> SAME_JSON =
      (a, b) -> {
        if (a.equals(b)) {
          return 0;
        }
        if (a.isNumber() && b.isNumber()) {
          return a.decimalValue().compareTo(b.decimalValue());
        }
        return 1;
      };

  private final LaunchDarklySettings settings;
  private final Resilience resilience;
  private final ObjectMapper mapper;
  private final ApiCalls calls;
  private final LaunchDarklyApi api;

  private LaunchDarklyClient(LaunchDarklySettings settings, Resilience resilience, Clock clock) {
    this.settings = settings;
    this.resilience = resilience;
    this.mapper =
        new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    this.calls = new ApiCalls(SYSTEM, new LaunchDarklyErrors(mapper), clock);
    String token = settings.apiToken().value();
    OkHttpClient http =
        resilience
            .httpClient()
            .addInterceptor(
                chain ->
                    chain.proceed(
                        chain.request().newBuilder().header("Authorization", token).build()))
            .build();
    String base = settings.baseUri().toString();
    this.api = RetrofitApi.create(LaunchDarklyApi.class, base, http, mapper);
  }

  /** A client with the built-in {@code launchdarkly} resilience settings. */
  public static LaunchDarklyClient create(LaunchDarklySettings settings) {
    return create(settings, Resilience.forSystem(SYSTEM), Clock.systemUTC());
  }

  /**
   * A client sharing {@code resilience} (one per system and process).
   *
   * @param clock reads rate-limit reset instants
   */
  public static LaunchDarklyClient create(
      LaunchDarklySettings settings, Resilience resilience, Clock clock) {
    return new LaunchDarklyClient(
        Objects.requireNonNull(settings), Objects.requireNonNull(resilience), clock);
  }

  /**
   * The flag's targeting in the referenced environment ({@code GET /api/v2/flags/{project}/{flag}
   * ?env=...}).
   *
   * @throws NonRetryableException 404 when the project, flag or environment is unknown
   */
  public FlagState getFlag(FlagRef ref) {
    Dto.Flag flag =
        resilience.call(
            "get-flag",
            () -> calls.body(api.getFlag(ref.projectKey(), ref.flagKey(), ref.environmentKey())));
    return toState(ref, flag);
  }

  /**
   * Makes the change with a semantic patch and returns the flag after it. Sending a change the flag
   * already reflects is harmless (LaunchDarkly keeps the version), so a repeated job is safe.
   *
   * @param comment recorded in the flag's audit log, for example the release id; may be null
   * @throws ApprovalRequiredException when the environment requires approval
   * @throws FlagConflictException when concurrent changes kept conflicting
   */
  public FlagState apply(FlagRef ref, FlagChange change, String comment) {
    Objects.requireNonNull(change, "change");
    Dto.SemanticPatch body =
        new Dto.SemanticPatch(ref.environmentKey(), comment, Instructions.of(change));
    for (int conflicts = 0; ; conflicts++) {
      try {
        Dto.Flag flag =
            resilience.call(
                "patch-flag",
                () -> calls.body(api.patchFlag(ref.projectKey(), ref.flagKey(), body)));
        FlagState state = toState(ref, flag);
        log("applied", ref, change, state.version());
        return state;
      } catch (ApprovalRequiredException approvalRequired) {
        log("approval-required", ref, change, -1);
        throw approvalRequired;
      } catch (FlagConflictException conflict) {
        FlagState current = getFlag(ref);
        if (Instructions.satisfiedBy(change, current)) {
          log("already-applied", ref, change, current.version());
          return current;
        }
        if (conflicts >= settings.maxConflictRetries()) {
          log("conflict", ref, change, current.version());
          throw conflict;
        }
        LOG.warn(
            "launchdarkly conflict, re-sending flag={} env={} change={} seen_version={}",
            ref.flagKey(),
            ref.environmentKey(),
            change.kind(),
            current.version());
      }
    }
  }

  /**
   * Makes the change directly or, where the environment requires approval, opens an approval
   * request with it and returns that for the caller to wait on.
   *
   * @param comment the audit comment and, for an approval request, its description
   */
  public ChangeResult applyOrRequestApproval(FlagRef ref, FlagChange change, String comment) {
    try {
      return new ChangeResult.Applied(apply(ref, change, comment));
    } catch (ApprovalRequiredException approvalRequired) {
      return new ChangeResult.PendingApproval(requestApproval(ref, change, comment));
    }
  }

  /**
   * Opens an approval request carrying the change ({@code POST .../environments/{env}
   * /approval-requests}), or returns the one already open for it.
   *
   * <p>Idempotent: each attempt first lists the flag's approval requests in the environment ({@code
   * GET} on the same path) and reuses the oldest open one (not applied, not declined) with the same
   * description and instructions; only when there is none does it create one. So a retry after a
   * create whose answer was lost (a timeout, a 5xx after LaunchDarkly stored it), or a repeated
   * job, never opens a second request for the same change.
   *
   * @param description what reviewers see, for example the release and the wave; required
   */
  public ApprovalRequest requestApproval(FlagRef ref, FlagChange change, String description) {
    Objects.requireNonNull(change, "change");
    String text =
        description == null || description.isBlank()
            ? "Rollgate: " + change.kind() + " on " + ref.flagKey()
            : description;
    List<Map<String, Object>> instructions = Instructions.of(change);
    JsonNode wanted = mapper.valueToTree(instructions);
    Dto.CreateApproval body = new Dto.CreateApproval(text, null, instructions);
    AtomicBoolean reused = new AtomicBoolean();
    Dto.Approval approval =
        resilience.call(
            "create-approval",
            () -> {
              Optional<Dto.Approval> open = openApproval(ref, text, wanted);
              reused.set(open.isPresent());
              return open.orElseGet(
                  () ->
                      calls.body(
                          api.createApproval(
                              ref.projectKey(), ref.flagKey(), ref.environmentKey(), body)));
            });
    ApprovalRequest request = toApproval(ref, approval);
    LOG.info(
        "launchdarkly outcome={} flag={} env={} change={} approval={}",
        reused.get() ? "approval-reused" : "approval-requested",
        ref.flagKey(),
        ref.environmentKey(),
        change.kind(),
        request.id());
    return request;
  }

  /** The oldest open approval request with this description and these instructions, if any. */
  private Optional<Dto.Approval> openApproval(
      FlagRef ref, String description, JsonNode instructions) {
    Dto.Approvals listed =
        calls.body(api.listApprovals(ref.projectKey(), ref.flagKey(), ref.environmentKey()));
    List<Dto.Approval> items = listed.items() == null ? List.of() : listed.items();
    return items.stream()
        .filter(LaunchDarklyClient::open)
        .filter(a -> description.equals(a.description()))
        .filter(a -> sameInstructions(instructions, a.instructions()))
        .min(
            Comparator.comparing(
                (Dto.Approval a) -> a.creationDate() == null ? Long.MAX_VALUE : a.creationDate()));
  }

  /** Not applied (nor failed or scheduled) and not declined: it may still make its change. */
  private static boolean open(Dto.Approval approval) {
    return "pending".equalsIgnoreCase(approval.status())
        && !"declined".equalsIgnoreCase(approval.reviewStatus());
  }

  private boolean sameInstructions(JsonNode wanted, List<JsonNode> actual) {
    if (actual == null) {
      return false;
    }
    ArrayNode got = mapper.createArrayNode();
    got.addAll(actual);
    return wanted.equals(SAME_JSON, got);
  }

  /** The approval request's current review and application status. */
  public ApprovalRequest getApproval(FlagRef ref, String approvalRequestId) {
    Dto.Approval approval =
        resilience.call(
            "get-approval",
            () ->
                calls.body(
                    api.getApproval(
                        ref.projectKey(), ref.flagKey(), ref.environmentKey(), approvalRequestId)));
    return toApproval(ref, approval);
  }

  /**
   * Applies an approved request: its change takes effect now.
   *
   * @throws NonRetryableException 400 when the request is not approved or already applied
   */
  public ApprovalRequest applyApproval(FlagRef ref, String approvalRequestId, String comment) {
    Dto.Approval approval =
        resilience.call(
            "apply-approval",
            () ->
                calls.body(
                    api.applyApproval(
                        ref.projectKey(),
                        ref.flagKey(),
                        ref.environmentKey(),
                        approvalRequestId,
                        new Dto.ApplyApproval(comment))));
    ApprovalRequest request = toApproval(ref, approval);
    LOG.info(
        "launchdarkly outcome=approval-applied flag={} env={} approval={} status={}",
        ref.flagKey(),
        ref.environmentKey(),
        request.id(),
        request.status());
    return request;
  }

  /** An environment, including whether it requires approval for flag changes. */
  public EnvironmentInfo getEnvironment(String projectKey, String environmentKey) {
    Dto.Environment env =
        resilience.call(
            "get-environment", () -> calls.body(api.getEnvironment(projectKey, environmentKey)));
    boolean approvalRequired =
        env.approvalSettings() != null && Boolean.TRUE.equals(env.approvalSettings().required());
    return new EnvironmentInfo(projectKey, env.key(), env.name(), approvalRequired);
  }

  private static void log(String outcome, FlagRef ref, FlagChange change, int version) {
    LOG.info(
        "launchdarkly outcome={} project={} flag={} env={} change={} version={}",
        outcome,
        ref.projectKey(),
        ref.flagKey(),
        ref.environmentKey(),
        change.kind(),
        version);
  }

  private static FlagState toState(FlagRef ref, Dto.Flag flag) {
    Dto.FlagConfig config =
        flag.environments() == null ? null : flag.environments().get(ref.environmentKey());
    if (config == null || config.version() == null) {
      throw new NonRetryableException(
          SYSTEM, 200, "flag " + ref + " has no configuration for that environment", null);
    }
    List<FlagState.Variation> variations = new ArrayList<>();
    List<Dto.Variation> raw = flag.variations() == null ? List.of() : flag.variations();
    for (int i = 0; i < raw.size(); i++) {
      Dto.Variation v = raw.get(i);
      variations.add(new FlagState.Variation(i, v.id(), v.value(), v.name()));
    }
    Integer fallthroughVariation = null;
    List<FlagState.WeightedVariation> rollout = new ArrayList<>();
    if (config.fallthrough() != null) {
      fallthroughVariation = config.fallthrough().variation();
      Dto.Rollout r = config.fallthrough().rollout();
      if (r != null && r.variations() != null) {
        r.variations()
            .forEach(
                w ->
                    rollout.add(
                        new FlagState.WeightedVariation(
                            w.variation() == null ? -1 : w.variation(),
                            w.weight() == null ? 0 : w.weight())));
      }
    }
    return new FlagState(
        ref,
        config.version(),
        flag.version() == null ? 0 : flag.version(),
        Boolean.TRUE.equals(config.on()),
        variations,
        fallthroughVariation,
        rollout,
        config.offVariation());
  }

  private static ApprovalRequest toApproval(FlagRef ref, Dto.Approval a) {
    return new ApprovalRequest(
        a.id(),
        ref,
        enumOf(ApprovalRequest.ReviewStatus.class, a.reviewStatus(), "reviewStatus"),
        enumOf(ApprovalRequest.Status.class, a.status(), "status"),
        a.creationDate() == null ? null : Instant.ofEpochMilli(a.creationDate()),
        a.appliedDate() == null ? null : Instant.ofEpochMilli(a.appliedDate()));
  }

  private static <E extends Enum<E>> E enumOf(Class<E> type, String value, String field) {
    try {
      return Enum.valueOf(type, String.valueOf(value).toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new NonRetryableException(
          SYSTEM, 200, "unexpected approval " + field + " '" + value + "'", e);
    }
  }
}
