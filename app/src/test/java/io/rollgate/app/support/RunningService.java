package io.rollgate.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole service in the default profile (embedded engine, sandbox), shared by the tests that
 * extend this, with a known bootstrap admin token, a 16 KB body limit and an OIDC issuer on
 * loopback ({@link OidcProvider}) whose JWTs it accepts and where the console signs people in.
 * Metrics export stays on, as in a deployment, so the Prometheus endpoint exists.
 */
@AutoConfigureObservability
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "rollgate.bootstrap.token=" + RunningService.ADMIN_TOKEN,
      "rollgate.http.max-body-size=16KB",
      "rollgate.sandbox.auto-approve-after=1h",
      "rollgate.services=checkout,payments,shop,timeline-standard,timeline-aborted,timeline-deploy,"
          + "task-list,task-go,task-self,task-form,kpi-report,console-list,console-phone,console-decide,console-oidc,"
          + "console-window,console-readiness,console-rollout,evidence-page,"
          + "gates-go,gates-no-go,gates-rejected,gates-rolled-back,retry-stopped,retry-moving,"
          + "console-retry",
      "rollgate.webhooks.github.secret=" + RunningService.GITHUB_WEBHOOK_SECRET,
      "rollgate.webhooks.github.public-url=https://rollgate.example.com",
      "rollgate.webhooks.github.repositories[acme/shop].service=checkout",
      "rollgate.webhooks.github.repositories[acme/shop].flag-key=checkout-v2",
      "rollgate.webhooks.github.repositories[acme/shop].change-model=standard",
      "rollgate.webhooks.github.repositories[acme/shop].waves=50,100",
      "rollgate.webhooks.github.repositories[acme/shop].bake-time=1s",
      "rollgate.webhooks.github.repositories[acme/shop].test-pass-ratio=1",
      "rollgate.service-defaults.checkout.runbook-url=https://wiki.example/runbooks/checkout",
      "rollgate.service-defaults.checkout.rollback-plan-url=https://wiki.example/rollback/checkout",
      "rollgate.service-defaults.checkout.test-report-url=https://ci.example/checkout/tests",
      "rollgate.service-defaults.checkout.min-test-pass-ratio=0.95",
      "rollgate.service-defaults.planned.change-model=standard",
      "rollgate.service-defaults.planned.waves=20,100",
      "rollgate.service-defaults.planned.bake-time=2s",
      "rollgate.service-defaults.planned.ci-provider=jenkins",
      "rollgate.service-defaults.planned.ci-workflow=build.yml",
      "rollgate.service-defaults.planned.readiness-max-age=30m",
      // nothing listens there, so each wave's health check of console-rollout is inconclusive
      "rollgate.gates.health-metrics.console-rollout.endpoint=http://127.0.0.1:1/metrics",
      "rollgate.gates.health-metrics.console-rollout.thresholds[0].metric=http_error_ratio",
      "rollgate.gates.health-metrics.console-rollout.thresholds[0].max=0.05"
    })
public abstract class RunningService {

  public static final String ADMIN_TOKEN = "rg_test-bootstrap-admin-0123456789abcdefghij";

  /** The secret GitHub signs its deployment protection rule deliveries with, in these tests. */
  public static final String GITHUB_WEBHOOK_SECRET = "github-webhook-secret-0123456789";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final Path DATA;

  /** The identity provider the service trusts; it signs with a key made here. */
  protected static final OidcProvider OIDC;

  static {
    try {
      DATA = Files.createTempDirectory("rollgate-service-it");
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      OIDC = OidcProvider.start(generator.generateKeyPair());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @DynamicPropertySource
  static void serviceProperties(DynamicPropertyRegistry registry) {
    registry.add("rollgate.data-dir", DATA::toString);
    registry.add("rollgate.security.oidc.issuer-uri", OIDC::issuer);
    registry.add("rollgate.security.oidc.console-client-id", () -> OidcProvider.CONSOLE_CLIENT);
  }

  @LocalServerPort private int port;

  private final List<String> startedReleases = new ArrayList<>();

  /** An answer: status, headers and body as text. */
  public record Answer(int status, Map<String, List<String>> headers, String body) {

    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }

    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> String.join(", ", e.getValue()))
          .findFirst()
          .orElse(null);
    }

    /** Refused by the authentication layer, not by an endpoint: a Bearer challenge. */
    public boolean refusedBySecurity() {
      String challenge = header("WWW-Authenticate");
      return (status == 401 || status == 403)
          && challenge != null
          && challenge.startsWith("Bearer");
    }
  }

  protected URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  protected Answer call(String method, String path, String token, String contentType, String body) {
    return call(method, path, token, contentType, body, Map.of());
  }

  protected Answer call(
      String method,
      String path,
      String token,
      String contentType,
      String body,
      Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    headers.forEach(request::header);
    return send(request.build());
  }

  protected static Answer send(HttpRequest request) {
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.headers().map(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Starts a release as the holder of {@code token} does, through the API; its id. The test's
   * releases are aborted once it is over, so none stays waiting for its CAB, keeps an event stream
   * open or holds a change in the calendar.
   */
  protected String startRelease(String token, Map<String, Object> body) {
    String json;
    try {
      json = JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Answer answer = call("POST", "/api/v1/releases", token, "application/json", json);
    assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    String id = answer.json().path("id").asText();
    startedReleases.add(id);
    return id;
  }

  @AfterEach
  void abortTheReleasesTheTestStarted() {
    for (String id : startedReleases) {
      call(
          "POST",
          "/api/v1/releases/" + id + "/abort",
          ADMIN_TOKEN,
          "application/json",
          "{\"reason\":\"the test is over\"}");
    }
    startedReleases.clear();
  }

  /** The release record once it stands at an incident; fails after {@code timeout}. */
  protected JsonNode awaitIncident(String token, String releaseId, Duration timeout)
      throws InterruptedException {
    return awaitRelease(
        token, releaseId, timeout, "shows no incident", r -> r.path("incident").isObject());
  }

  /** The gates of the release's decision log entries, oldest first. */
  protected List<String> decisionGates(String releaseId) {
    return call("GET", "/api/v1/releases/" + releaseId + "/decisions", ADMIN_TOKEN, null, null)
        .json()
        .findValuesAsText("gate");
  }

  /** The release record once the release ended; fails after {@code timeout}. */
  protected JsonNode awaitEnd(String token, String releaseId, Duration timeout)
      throws InterruptedException {
    return awaitRelease(
        token,
        releaseId,
        timeout,
        "did not end",
        r -> !r.path("endedAt").isNull() && !r.path("endedAt").isMissingNode());
  }

  private JsonNode awaitRelease(
      String token, String releaseId, Duration timeout, String failure, Predicate<JsonNode> until)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    JsonNode release = null;
    while (Instant.now().isBefore(deadline)) {
      release = call("GET", "/api/v1/releases/" + releaseId, token, null, null).json();
      if (until.test(release)) {
        return release;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        "release " + releaseId + " " + failure + " within " + timeout + ": " + release);
  }

  /** The gate API as the holder of {@code token} calls it. */
  protected GateApi api(String token) {
    return new GateApi(uri("/"), token);
  }

  /** The service still serves: it is ready and answers a read of the release list. */
  protected void assertServing() {
    assertThat(call("GET", "/actuator/health/readiness", null, null, null).status()).isEqualTo(200);
    assertThat(call("GET", "/api/v1/releases?limit=1", ADMIN_TOKEN, null, null).status())
        .isEqualTo(200);
  }

  /** A new API token with these roles, created through the API by the bootstrap admin. */
  protected String token(String name, String... roles) {
    Answer created =
        call(
            "POST",
            "/api/v1/tokens",
            ADMIN_TOKEN,
            "application/json",
            "{\"name\":\"" + name + "\",\"roles\":" + jsonList(roles) + "}");
    if (created.status() != 201) {
      throw new AssertionError("token not created: " + created.status() + " " + created.body());
    }
    return created.json().path("token").asText();
  }

  /** A JWT from the issuer the service trusts. */
  protected static String jwt(String username, List<String> roles, Instant expiresAt) {
    return OIDC.accessToken(username, roles, expiresAt);
  }

  /** A JWT naming the trusted issuer but signed with {@code keys}. */
  protected static String signedJwt(
      KeyPair keys, String username, List<String> roles, Instant expiresAt) {
    return OIDC.sign(keys, username, roles, expiresAt);
  }

  private static String jsonList(String... values) {
    try {
      return JSON.writeValueAsString(List.of(values));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
