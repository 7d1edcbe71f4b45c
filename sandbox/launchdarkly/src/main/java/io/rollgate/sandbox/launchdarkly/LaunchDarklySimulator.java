package io.rollgate.sandbox.launchdarkly;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rollgate.sandbox.Faults;
import io.rollgate.sandbox.RequestLog;
import io.rollgate.sandbox.SimJson;
import io.rollgate.sandbox.SimProblem;
import io.rollgate.sandbox.SimRequest;
import io.rollgate.sandbox.SimResponse;
import io.rollgate.sandbox.SimServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A stateful LaunchDarkly on loopback: the REST API v2 subset Rollgate uses (flags with semantic
 * patch, environments, flag approval requests) and the server-side SDK endpoints (streaming {@code
 * GET /all}, polling {@code GET /sdk/latest-all}, events {@code POST /bulk} and {@code
 * /diagnostic}), all on one port: point the SDK's streaming, polling and events base URIs at {@link
 * #baseUri()}.
 *
 * <p>REST calls need {@code Authorization: <api token>}; SDK calls need an environment's SDK key.
 * Errors have LaunchDarkly's shape {@code {"code","message"}}. Every flag change bumps the flag's
 * {@code _version} and the environment's {@code version} and is sent to open SDK streams as a
 * {@code patch} event.
 *
 * <p>Knobs beyond {@link #faults()} (the shared latency, 429, fail-next, reset and outage knobs):
 * {@link #conflictOnNextPatches} (a concurrent writer wins, 409), {@link #rateLimit}
 * (LaunchDarkly's own 429 with {@code X-Ratelimit-Reset} in epoch milliseconds), {@link
 * #pausePropagation}, {@link #slowApprovalCreates} (an approval request is stored at once but
 * answered late, as when the answer is lost to a client's timeout). Admin endpoints (no token)
 * under {@code /_sandbox/launchdarkly}: {@code POST environments}, {@code POST flags}, {@code PUT
 * conflicts {"next":n}}, {@code PUT|DELETE rate-limit {"limit":n,"windowMillis":ms}}, {@code PUT
 * propagation {"paused":bool}}, {@code PUT slow-creates {"delayMillis":ms,"count":n}}, {@code POST
 * approval-requests/{id}/review {"kind":"approve"}}, {@code GET state}.
 */
public final class LaunchDarklySimulator implements AutoCloseable {

  /** The API access token the simulator accepts unless another is configured. */
  public static final String DEFAULT_API_TOKEN = "api-rollgate-sandbox";

  private static final String ADMIN = "/launchdarkly";
  private static final String SEMANTIC_PATCH = "domain-model=launchdarkly.semanticpatch";
  private static final String FLAG_APPROVALS =
      "/api/v2/projects/{projectKey}/flags/{flagKey}/environments/{environmentKey}"
          + "/approval-requests";

  private final String apiToken;
  private final Clock clock;
  private final Duration heartbeat;
  private final SdkFeed feed = new SdkFeed();
  private final SimState state;
  private final ApiRateLimit rateLimit;
  private final SimServer server;
  private Duration slowCreateDelay = Duration.ZERO;
  private int slowCreatesLeft;

  private LaunchDarklySimulator(Builder b) {
    this.apiToken = b.apiToken;
    this.clock = b.clock;
    this.heartbeat = b.heartbeat;
    this.state = new SimState(clock, feed);
    this.rateLimit = new ApiRateLimit(clock);
    SimServer.Builder server =
        SimServer.builder("launchdarkly")
            .port(b.port)
            .clock(clock)
            .errorShape(this::error)
            .faultHeaders(LaunchDarklySimulator::launchDarklyFaultHeaders);
    restRoutes(server);
    sdkRoutes(server);
    adminRoutes(server);
    this.server = server.start();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Starts an empty simulator on a free port with {@link #DEFAULT_API_TOKEN}. */
  public static LaunchDarklySimulator start() {
    return builder().start();
  }

  /** For example {@code http://127.0.0.1:41234}: the REST base and the SDK's three base URIs. */
  public URI baseUri() {
    return server.baseUri();
  }

  public int port() {
    return server.port();
  }

  public String apiToken() {
    return apiToken;
  }

  /**
   * Adds an environment; existing flags of its project appear in it as seeded.
   *
   * @return the seed, whose {@code sdkKey()} the SDK authenticates with
   */
  public EnvironmentSeed addEnvironment(EnvironmentSeed environment) {
    return state.addEnvironment(environment).seed();
  }

  /**
   * Turns on (or off) the environment's requirement that flag changes be approved ({@code
   * approvalSettings.required}): from then on a patch is refused with 405 and an approval request
   * is the way to change a flag there.
   */
  public void requireApprovals(String projectKey, String environmentKey, boolean required) {
    state.requireApprovals(projectKey, environmentKey, required);
  }

  /**
   * Adds a flag to every environment of its project (add environments first).
   *
   * @throws SimProblem when the project has no environment
   */
  public void seedFlag(FlagSeed flag) {
    state.seedFlag(flag);
  }

  /** The flag's current version in an environment, as the REST API and the SDK see it. */
  public int flagVersion(String projectKey, String flagKey, String environmentKey) {
    return state.version(projectKey, flagKey, environmentKey);
  }

  /**
   * The next {@code count} flag patches lose against a concurrent writer: the flag's version moves
   * on and the patch gets 409 {@code optimistic_locking_error}.
   */
  public void conflictOnNextPatches(int count) {
    state.conflictNext(count);
  }

  /** LaunchDarkly's rate limit: {@code limit} REST requests per fixed {@code window}. */
  public void rateLimit(int limit, Duration window) {
    rateLimit.set(limit, window.toMillis());
  }

  public void clearRateLimit() {
    rateLimit.clear();
  }

  /** Stops telling SDKs about changes (streaming and polling), as if delivery were stuck. */
  public void pausePropagation() {
    state.pausePropagation();
  }

  /** Sends every SDK the current flags again. */
  public void resumePropagation() {
    state.resumePropagation();
  }

  /** Reviews an approval request as another member would: {@code approve} or {@code decline}. */
  public void reviewApproval(String approvalRequestId, String kind) {
    state.review(approvalRequestId, kind, null);
  }

  /**
   * The next {@code count} approval request creations are answered only after {@code delay}: the
   * request exists at once (listing finds it), as when LaunchDarkly stored it and the answer was
   * then lost to the client's read timeout.
   */
  public synchronized void slowApprovalCreates(Duration delay, int count) {
    this.slowCreateDelay = Objects.requireNonNull(delay);
    this.slowCreatesLeft = Math.max(0, count);
  }

  private synchronized Duration takeCreateDelay() {
    if (slowCreatesLeft <= 0) {
      return Duration.ZERO;
    }
    slowCreatesLeft--;
    return slowCreateDelay;
  }

  /** Ids of every approval request, oldest first. */
  public List<String> approvalRequestIds() {
    return state.approvalIds();
  }

  /** Ids of the approval requests for one flag, oldest first. */
  public List<String> approvalRequestIds(String flagKey) {
    return state.approvalIds(flagKey);
  }

  /** SDK streams currently connected. */
  public int openSdkStreams() {
    return feed.openStreams();
  }

  public Faults faults() {
    return server.faults();
  }

  public RequestLog requests() {
    return server.requests();
  }

  @Override
  public void close() {
    feed.closeAll();
    server.close();
  }

  // --- REST API -------------------------------------------------------------------------------

  private void restRoutes(SimServer.Builder s) {
    s.route(
        "GET",
        "/api/v2/flags/{projectKey}/{flagKey}",
        api(
            r ->
                SimResponse.ok(
                    state.flagJson(
                        r.pathParam("projectKey"),
                        r.pathParam("flagKey"),
                        r.query("env").orElse(null)))));
    s.route("PATCH", "/api/v2/flags/{projectKey}/{flagKey}", api(this::patchFlag));
    s.route(
        "GET",
        "/api/v2/projects/{projectKey}/environments/{environmentKey}",
        api(
            r ->
                SimResponse.ok(
                    state.environmentJson(
                        r.pathParam("projectKey"), r.pathParam("environmentKey")))));
    s.route(
        "GET",
        FLAG_APPROVALS,
        api(
            r ->
                SimResponse.ok(
                    state.approvalsJson(
                        r.pathParam("projectKey"),
                        r.pathParam("flagKey"),
                        r.pathParam("environmentKey")))));
    s.route("POST", FLAG_APPROVALS, api(this::createApproval));
    s.route(
        "GET",
        FLAG_APPROVALS + "/{id}",
        api(
            r ->
                SimResponse.ok(
                    state.approvalJson(
                        r.pathParam("projectKey"),
                        r.pathParam("flagKey"),
                        r.pathParam("environmentKey"),
                        r.pathParam("id")))));
    s.route(
        "POST",
        FLAG_APPROVALS + "/{id}/reviews",
        api(
            r ->
                SimResponse.ok(
                    state.review(
                        r.pathParam("projectKey"),
                        r.pathParam("flagKey"),
                        r.pathParam("environmentKey"),
                        r.pathParam("id"),
                        r.json()))));
    s.route(
        "POST",
        FLAG_APPROVALS + "/{id}/apply",
        api(
            r ->
                SimResponse.ok(
                    state.applyApproval(
                        r.pathParam("projectKey"),
                        r.pathParam("flagKey"),
                        r.pathParam("environmentKey"),
                        r.pathParam("id")))));
  }

  private SimResponse patchFlag(SimRequest r) {
    String contentType = r.header("Content-Type").orElse("");
    if (!contentType.replace(" ", "").contains(SEMANTIC_PATCH)) {
      throw new SimProblem(
          400,
          "the simulator implements semantic patch only: send Content-Type: application/json; "
              + SEMANTIC_PATCH);
    }
    JsonNode body = r.json();
    boolean dryRun = r.query("dryRun").map(Boolean::parseBoolean).orElse(false);
    return SimResponse.ok(
        state.patchFlag(r.pathParam("projectKey"), r.pathParam("flagKey"), body, dryRun));
  }

  /** Stores the request, then answers, late when {@link #slowApprovalCreates} says so. */
  private SimResponse createApproval(SimRequest r) throws InterruptedException {
    ObjectNode created =
        state.createApproval(
            r.pathParam("projectKey"),
            r.pathParam("flagKey"),
            r.pathParam("environmentKey"),
            r.json());
    Duration delay = takeCreateDelay();
    if (!delay.isZero()) {
      Thread.sleep(delay.toMillis());
    }
    return SimResponse.json(201, created);
  }

  /** Token check and LaunchDarkly's rate limit around a REST handler. */
  private SimServer.Handler api(SimServer.Handler handler) {
    return request -> {
      if (!request.header("Authorization").map(apiToken::equals).orElse(false)) {
        return error(401, "Invalid access token");
      }
      ApiRateLimit.Verdict verdict = rateLimit.take();
      SimResponse response;
      if (!verdict.allowed()) {
        response = error(429, "You've exceeded the API rate limit. Try again later.");
      } else {
        try {
          response = handler.handle(request);
        } catch (SimProblem p) {
          response = error(p.status(), p.getMessage());
        }
      }
      if (verdict.remaining() >= 0) {
        String remaining = String.valueOf(verdict.remaining());
        response
            .header("X-Ratelimit-Route-Remaining", remaining)
            .header("X-Ratelimit-Global-Remaining", remaining)
            .header("X-Ratelimit-Reset", String.valueOf(verdict.resetEpochMillis()));
      }
      return response;
    };
  }

  private SimResponse error(int status, String message) {
    return SimResponse.json(
        status, Representations.error(Representations.errorCode(status), message));
  }

  /** A simulated 429 or outage as LaunchDarkly announces it: the reset instant in epoch ms. */
  private static void launchDarklyFaultHeaders(Faults.Fail fail, SimResponse response) {
    if (fail.resetAt() != null) {
      response
          .header("X-Ratelimit-Route-Remaining", "0")
          .header("X-Ratelimit-Reset", String.valueOf(fail.resetAt().toEpochMilli()));
    }
  }

  // --- server-side SDK ------------------------------------------------------------------------

  private void sdkRoutes(SimServer.Builder s) {
    s.route("GET", "/all", this::stream);
    s.route("GET", "/sdk/latest-all", r -> SimResponse.ok(feed.allData(sdkEnvironment(r).id())));
    s.route("POST", "/bulk", r -> events(r));
    s.route("POST", "/diagnostic", r -> events(r));
  }

  private SimResponse stream(SimRequest request) {
    String environmentId = sdkEnvironment(request).id();
    return SimResponse.stream(
            "text/event-stream",
            out -> {
              BlockingQueue<String> events = feed.subscribe(environmentId);
              try {
                while (true) {
                  String event = events.poll(heartbeat.toMillis(), TimeUnit.MILLISECONDS);
                  if (SdkFeed.CLOSE.equals(event)) {
                    return;
                  }
                  write(out, event == null ? ":\n\n" : event);
                }
              } finally {
                feed.unsubscribe(environmentId, events);
              }
            })
        .header("Cache-Control", "no-cache");
  }

  private SimResponse events(SimRequest request) {
    sdkEnvironment(request);
    return SimResponse.empty(202);
  }

  private EnvRecord sdkEnvironment(SimRequest request) {
    String key = request.header("Authorization").orElse("");
    return state.environmentBySdkKey(key).orElseThrow(() -> new SimProblem(401, "Invalid SDK key"));
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  // --- admin ----------------------------------------------------------------------------------

  private void adminRoutes(SimServer.Builder s) {
    s.adminRoute(
        "POST",
        ADMIN + "/environments",
        r -> SimResponse.json(201, addEnvironment(read(r, EnvironmentSeed.class))));
    s.adminRoute(
        "POST",
        ADMIN + "/flags",
        r -> {
          seedFlag(read(r, FlagSeed.class));
          return SimResponse.empty(201);
        });
    s.adminRoute(
        "PUT",
        ADMIN + "/conflicts",
        r -> {
          conflictOnNextPatches(r.json().path("next").asInt(0));
          return SimResponse.empty(204);
        });
    s.adminRoute(
        "PUT",
        ADMIN + "/rate-limit",
        r -> {
          JsonNode body = r.json();
          rateLimit(
              body.path("limit").asInt(), Duration.ofMillis(body.path("windowMillis").asLong()));
          return SimResponse.empty(204);
        });
    s.adminRoute(
        "DELETE",
        ADMIN + "/rate-limit",
        r -> {
          clearRateLimit();
          return SimResponse.empty(204);
        });
    s.adminRoute(
        "PUT",
        ADMIN + "/propagation",
        r -> {
          if (r.json().path("paused").asBoolean()) {
            pausePropagation();
          } else {
            resumePropagation();
          }
          return SimResponse.empty(204);
        });
    s.adminRoute(
        "PUT",
        ADMIN + "/slow-creates",
        r -> {
          JsonNode body = r.json();
          slowApprovalCreates(
              Duration.ofMillis(body.path("delayMillis").asLong()), body.path("count").asInt(1));
          return SimResponse.empty(204);
        });
    s.adminRoute(
        "POST",
        ADMIN + "/approval-requests/{id}/review",
        r -> {
          reviewApproval(r.pathParam("id"), r.json().path("kind").asText(""));
          return SimResponse.empty(204);
        });
    s.adminRoute("GET", ADMIN + "/state", r -> SimResponse.ok(state.summary()));
  }

  private static <T> T read(SimRequest request, Class<T> type) {
    try {
      return SimJson.MAPPER.treeToValue(request.json(), type);
    } catch (IOException | IllegalArgumentException e) {
      throw new SimProblem(400, "invalid " + type.getSimpleName() + ": " + e.getMessage());
    }
  }

  // --- standalone -----------------------------------------------------------------------------

  /**
   * Seeds the demo: project {@code rollgate} with environments {@code test} and {@code production}
   * (production requires approval), and flags {@code release-freeze} and {@code checkout-v2}.
   *
   * @return the two environments, whose {@code sdkKey()} the SDK authenticates with
   */
  public List<EnvironmentSeed> seedDemo() {
    EnvironmentSeed test = addEnvironment(EnvironmentSeed.of("rollgate", "test"));
    EnvironmentSeed production =
        addEnvironment(EnvironmentSeed.of("rollgate", "production").requiringApproval());
    seedFlag(FlagSeed.bool("rollgate", "release-freeze"));
    seedFlag(FlagSeed.bool("rollgate", "checkout-v2"));
    return List.of(test, production);
  }

  /** Settings before {@link #start()}. */
  public static final class Builder {
    private int port;
    private String apiToken = DEFAULT_API_TOKEN;
    private Clock clock = Clock.systemUTC();
    private Duration heartbeat = Duration.ofSeconds(15);

    private Builder() {}

    /** 0 (the default) picks a free port. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder apiToken(String apiToken) {
      this.apiToken = Objects.requireNonNull(apiToken);
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    /** How often an idle SDK stream gets a comment line, keeping it open. */
    public Builder heartbeat(Duration heartbeat) {
      this.heartbeat = Objects.requireNonNull(heartbeat);
      return this;
    }

    public LaunchDarklySimulator start() {
      return new LaunchDarklySimulator(this);
    }
  }
}
